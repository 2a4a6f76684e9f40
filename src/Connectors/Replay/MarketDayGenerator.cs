using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;

namespace Aegis.Connectors.Replay;

/// <summary>
/// Generates the sample market day: a seeded, reproducible tape of top-of-book quotes for every
/// instrument of <see cref="SampleMarket"/>, ordered by exchange time. The same seed always gives
/// the same quotes (on the same runtime); nothing here reads a clock.
/// </summary>
/// <param name="seed">Seed of the only source of randomness.</param>
public sealed class MarketDayGenerator(int seed)
{
    /// <summary>Source stamped on generated and replayed quotes.</summary>
    public const string Source = "replay";

    private const double TradingSecondsPerYear = 252 * 6.5 * 3600;
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>The seed this generator was built with.</summary>
    public int Seed { get; } = seed;

    /// <summary>
    /// Generates the whole day. Per instrument, sequences run 1..n and exchange times strictly
    /// increase; across instruments, quotes are ordered by exchange time, ties by
    /// <see cref="SampleMarket.Profiles"/> order. <c>ReceiveTimeUnixNs</c> equals the exchange time
    /// until a replay stamps the real receive time.
    /// </summary>
    public Quote[] Generate()
    {
        var profiles = SampleMarket.Profiles;
        var master = new Random(Seed);

        // One generator per instrument, seeded from the master in a fixed order, so adding a draw to
        // one instrument does not reshuffle all the others.
        var seeds = new int[profiles.Count];
        for (var i = 0; i < seeds.Length; i++)
        {
            seeds[i] = master.Next();
        }

        var tapes = new InstrumentTape[profiles.Count];
        var underlyingPaths = new Dictionary<string, UnderlyingPath>(StringComparer.Ordinal);
        for (var i = 0; i < profiles.Count; i++)
        {
            var profile = profiles[i];
            var random = new Random(seeds[i]);
            if (profile.Instrument.Kind == InstrumentKind.Option)
            {
                var underlyingId = profile.Instrument.Underlying
                    ?? throw new InvalidOperationException($"Option {profile.Instrument.Id} has no underlying.");
                tapes[i] = GenerateOption(profile, underlyingPaths[underlyingId], random);
            }
            else
            {
                tapes[i] = GenerateEquity(profile, random, out var path);
                underlyingPaths[profile.Instrument.Id] = path;
            }
        }

        return Merge(profiles, tapes);
    }

    private static InstrumentTape GenerateEquity(SampleInstrumentProfile profile, Random random, out UnderlyingPath path)
    {
        var open = SampleMarket.SessionOpenUnixNs;
        var close = SampleMarket.SessionCloseUnixNs;
        var jumps = DrawJumpTimes(profile.JumpsPerDay, random);
        var tick = (double)profile.Instrument.TickSize;
        var tape = new InstrumentTape((int)(profile.QuotesPerSecond * 6.5 * 3600 * 1.1));
        var mids = new List<double>(tape.Capacity);

        var logPrice = Math.Log((double)profile.StartPrice);
        var time = open;
        var nextJump = 0;
        var lastJump = long.MinValue;
        while (true)
        {
            var burst = lastJump == long.MinValue ? 1.0 : 1.0 + (4.0 * Math.Exp(-(time - lastJump) / (20.0 * NanosPerSecond)));
            var step = NextArrivalNs(profile.QuotesPerSecond * ArrivalShape(time) * burst, random);
            var diffusionSeconds = step / (double)NanosPerSecond;
            time += step;
            if (time >= close)
            {
                break;
            }

            // Diffusion scaled by an intraday volatility profile (turbulent open, livelier close).
            var variance = profile.Volatility * profile.Volatility * diffusionSeconds / TradingSecondsPerYear * VolatilityShape(time);
            logPrice += Math.Sqrt(variance) * NextGaussian(random);
            while (nextJump < jumps.Length && jumps[nextJump] <= time)
            {
                // News-like jump: a fraction of the daily move, in either direction.
                var size = profile.Volatility * (0.02 + (0.03 * random.NextDouble()));
                logPrice += random.Next(2) == 0 ? size : -size;
                lastJump = jumps[nextJump++];
            }

            var mid = Math.Exp(logPrice);
            var stress = OpenStress(time) * JumpStress(time, lastJump);
            var spreadTicks = Math.Max(1L, (long)Math.Round(profile.BaseSpreadTicks * stress * (0.85 + (0.3 * random.NextDouble()))));
            var lot = 100L;
            var lots = Math.Max(1.0, profile.TypicalSize / (double)lot);
            tape.Add(time, mid / tick, spreadTicks, lot * DrawSize(lots, random), lot * DrawSize(lots, random));
            mids.Add(mid);
        }

        path = new UnderlyingPath(tape.Times.ToArray(), [.. mids], jumps, (double)profile.StartPrice);
        return tape;
    }

    private static InstrumentTape GenerateOption(SampleInstrumentProfile profile, UnderlyingPath underlying, Random random)
    {
        var instrument = profile.Instrument;
        var isCall = instrument.Right == OptionRight.Call;
        var strike = (double)(instrument.Strike ?? throw new InvalidOperationException($"Option {instrument.Id} has no strike."));
        var open = SampleMarket.SessionOpenUnixNs;
        var close = SampleMarket.SessionCloseUnixNs;
        var tick = (double)instrument.TickSize;
        var tape = new InstrumentTape((int)(profile.QuotesPerSecond * 6.5 * 3600 * 1.1));

        var time = open;
        var cursor = -1;
        var nextJump = 0;
        var lastJump = long.MinValue;
        while (true)
        {
            time += NextArrivalNs(profile.QuotesPerSecond * ArrivalShape(time), random);
            if (time >= close)
            {
                break;
            }

            // Latest underlying mid at or before this instant: option quotes never look ahead.
            while (cursor + 1 < underlying.Times.Length && underlying.Times[cursor + 1] <= time)
            {
                cursor++;
            }

            while (nextJump < underlying.JumpTimes.Length && underlying.JumpTimes[nextJump] <= time)
            {
                lastJump = underlying.JumpTimes[nextJump++];
            }

            var spot = cursor < 0 ? underlying.StartPrice : underlying.Mids[cursor];
            var value = OptionPricing.Value(isCall, spot, strike, profile.Volatility, OptionPricing.YearsBetween(time, SampleMarket.OptionExpiryUnixNs));

            // Market makers quote wider on pricier premium, at the open and right after a jump.
            var stress = OpenStress(time) * JumpStress(time, lastJump);
            var baseTicks = profile.BaseSpreadTicks + (0.005 * value / tick);
            var spreadTicks = Math.Max(1L, (long)Math.Round(baseTicks * stress * (0.85 + (0.3 * random.NextDouble()))));
            tape.Add(time, value / tick, spreadTicks, DrawSize(profile.TypicalSize, random), DrawSize(profile.TypicalSize, random));
        }

        return tape;
    }

    private static Quote[] Merge(IReadOnlyList<SampleInstrumentProfile> profiles, InstrumentTape[] tapes)
    {
        var total = tapes.Sum(t => t.Count);
        var quotes = new Quote[total];
        var positions = new int[tapes.Length];
        var queue = new PriorityQueue<int, (long Time, int Instrument)>(tapes.Length);
        for (var i = 0; i < tapes.Length; i++)
        {
            if (tapes[i].Count > 0)
            {
                queue.Enqueue(i, (tapes[i].Times[0], i));
            }
        }

        var n = 0;
        while (queue.TryDequeue(out var i, out _))
        {
            var tape = tapes[i];
            var k = positions[i]++;
            var instrument = profiles[i].Instrument;
            quotes[n++] = new Quote(
                instrument.Id,
                tape.BidTicks[k] * instrument.TickSize,
                tape.AskTicks[k] * instrument.TickSize,
                tape.BidSizes[k],
                tape.AskSizes[k],
                tape.Times[k],
                tape.Times[k],
                Source,
                k + 1L);
            if (k + 1 < tape.Count)
            {
                queue.Enqueue(i, (tape.Times[k + 1], i));
            }
        }

        return quotes;
    }

    private static long[] DrawJumpTimes(int count, Random random)
    {
        var open = SampleMarket.SessionOpenUnixNs;
        var length = SampleMarket.SessionCloseUnixNs - open;

        // Away from the first and last minutes so a jump is visible as a jump, not as open/close noise.
        var margin = 60 * NanosPerSecond;
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = open + margin + (long)(random.NextDouble() * (length - (2 * margin)));
        }

        Array.Sort(times);
        return times;
    }

    // Quote intensity relative to the day average: busy open, quiet lunch, busy close.
    private static double ArrivalShape(long timeUnixNs)
    {
        var (sinceOpen, untilClose) = SessionClock(timeUnixNs);
        const double decaySeconds = 20 * 60;
        var shape = 1.0 + (2.5 * Math.Exp(-sinceOpen / decaySeconds)) + (1.5 * Math.Exp(-untilClose / decaySeconds));

        // Divide by the session mean (1 + 4 × decay / session length) so QuotesPerSecond stays the average.
        return shape / (1.0 + (4.0 * decaySeconds / (6.5 * 3600)));
    }

    private static double VolatilityShape(long timeUnixNs)
    {
        var (sinceOpen, untilClose) = SessionClock(timeUnixNs);
        const double decaySeconds = 30 * 60;
        return (1.0 + (1.5 * Math.Exp(-sinceOpen / decaySeconds)) + (0.5 * Math.Exp(-untilClose / decaySeconds))) / 1.2;
    }

    // Spreads are about three times wider in the first minutes while the book fills.
    private static double OpenStress(long timeUnixNs) =>
        1.0 + (2.0 * Math.Exp(-SessionClock(timeUnixNs).SinceOpenSeconds / (5 * 60.0)));

    private static double JumpStress(long timeUnixNs, long lastJumpUnixNs) =>
        lastJumpUnixNs == long.MinValue ? 1.0 : 1.0 + (3.0 * Math.Exp(-(timeUnixNs - lastJumpUnixNs) / (20.0 * NanosPerSecond)));

    private static (double SinceOpenSeconds, double UntilCloseSeconds) SessionClock(long timeUnixNs) =>
        ((timeUnixNs - SampleMarket.SessionOpenUnixNs) / (double)NanosPerSecond,
         (SampleMarket.SessionCloseUnixNs - timeUnixNs) / (double)NanosPerSecond);

    // Exponential inter-arrival at the current intensity; the intensity moves slowly compared with
    // the gaps, so evaluating it at the start of each gap is accurate enough.
    private static long NextArrivalNs(double ratePerSecond, Random random)
    {
        var seconds = -Math.Log(1.0 - random.NextDouble()) / ratePerSecond;
        return Math.Max(1_000L, (long)(seconds * NanosPerSecond));
    }

    // Log-normal around the typical size, never below one unit.
    private static long DrawSize(double typical, Random random) =>
        Math.Max(1L, (long)Math.Round(typical * Math.Exp((0.7 * NextGaussian(random)) - 0.245)));

    private static double NextGaussian(Random random)
    {
        // Box–Muller; one of the pair is discarded to keep the draw sequence simple to reason about.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private sealed record UnderlyingPath(long[] Times, double[] Mids, long[] JumpTimes, double StartPrice);

    /// <summary>Columns of one instrument's quotes, prices in ticks.</summary>
    private sealed class InstrumentTape(int capacity)
    {
        public List<long> Times { get; } = new(capacity);
        public List<long> BidTicks { get; } = new(capacity);
        public List<long> AskTicks { get; } = new(capacity);
        public List<long> BidSizes { get; } = new(capacity);
        public List<long> AskSizes { get; } = new(capacity);
        public int Capacity => Times.Capacity;
        public int Count => Times.Count;

        public void Add(long timeUnixNs, double midTicks, long spreadTicks, long bidSize, long askSize)
        {
            // Centre the spread on the mid, then keep the bid at least one tick: never zero, negative or crossed.
            var bid = Math.Max(1L, (long)Math.Floor(midTicks - (spreadTicks / 2.0) + 0.5));
            Times.Add(timeUnixNs);
            BidTicks.Add(bid);
            AskTicks.Add(bid + spreadTicks);
            BidSizes.Add(bidSize);
            AskSizes.Add(askSize);
        }
    }
}
