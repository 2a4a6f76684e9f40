using Aegis.Domain.Execution;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Risk;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

/// <summary>
/// An engine bound to <see cref="PreparedQuotes"/> passes quiet stretches in one step; everything it does must equal
/// the per-quote path: the inputs, every decision, and the end state.
/// </summary>
public sealed class PreparedQuotesTests
{
    // Two trading days, quotes from 08:00 to 17:00 New York (pre-market and after-hours included), a random walk in
    // cents with some crossed quotes and repeated sequences mixed in.
    private static Quote[] Day(string id, int seed, int count = 6_000)
    {
        var random = new Random(seed);
        var quotes = new List<Quote>(count);
        var mid = 100m;
        long sequence = 0;
        foreach (var day in new[] { UnixTime.FromUtc(2025, 6, 2, 12, 0), UnixTime.FromUtc(2025, 6, 3, 12, 0) })
        {
            for (var i = 0; i < count / 2; i++)
            {
                mid = Math.Max(1m, mid + (random.Next(-3, 4) / 100m));
                var time = day + (long)(i * (9.0 * 3600 / (count / 2)) * UnixTime.NanosecondsPerSecond) + random.Next(0, 1_000);
                var roll = random.Next(200);
                var quote = roll == 0
                    ? new Quote(id, mid + 0.02m, mid - 0.02m, 100, 100, time, time, "replay", ++sequence) // crossed: invalid
                    : new Quote(id, mid - 0.01m, mid + 0.01m, 100, 100, time, time, "replay", roll == 1 && sequence > 0 ? sequence : ++sequence);
                quotes.Add(quote);
            }
        }

        return [.. quotes];
    }

    private static ScenarioSpec Crossover(int fast, int slow, decimal maxDailyLoss, params string[] instruments) =>
        new("cross", "cross", "ma-crossover", new Dictionary<string, string> { ["fast"] = $"{fast}", ["slow"] = $"{slow}", ["quantity"] = "100" },
            instruments, new RiskLimits(1_000, 10_000_000m, 30, maxDailyLoss), "paper", 250_000m, new CommissionSchedule(0.005m, 1m), new SlippageModel(1));

    private sealed record Outcome(List<ScenarioInput> Inputs, List<RecordedDecision> Decisions, ScenarioEngine Engine);

    private static Outcome Run(ScenarioSpec spec, Quote[] quotes, bool prepared, int chunk)
    {
        var engine = new ScenarioEngine(spec, Lookup, StrategyCatalog.Reference.CreateFor(spec));
        if (prepared)
        {
            engine.Bind(new PreparedQuotes(quotes, spec.Instruments, spec.ExtendedHours));
        }

        var runner = new ScenarioRunner(engine);
        var (inputs, decisions) = (new List<ScenarioInput>(), new List<RecordedDecision>());
        var merged = spec.Instruments.Count > 1;
        for (var start = 0; start < quotes.Length; start += chunk)
        {
            var end = Math.Min(quotes.Length, start + chunk);
            switch (merged, prepared)
            {
                case (true, true): runner.ProcessMergedPrepared(start, end, inputs, decisions); break;
                case (false, true): runner.ProcessPrepared(start, end, inputs, decisions); break;
                case (true, false): runner.ProcessMerged(quotes.AsSpan(start, end - start), inputs, decisions); break;
                default: runner.Process(quotes.AsSpan(start, end - start), inputs, decisions); break;
            }
        }

        return new Outcome(inputs, decisions, engine);
    }

    private static void AssertSame(Outcome expected, Outcome actual)
    {
        Assert.Equal(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.Decisions.Count, actual.Decisions.Count);
        for (var i = 0; i < expected.Decisions.Count; i++)
        {
            var (e, a) = (expected.Decisions[i], actual.Decisions[i]);
            Assert.True(e.DecisionSequence == a.DecisionSequence && e.InputSequence == a.InputSequence && DecisionComparer.AreEqual(e.Decision, a.Decision),
                $"decision {i + 1}: per quote {DecisionComparer.Describe(e.Decision)}, prepared {DecisionComparer.Describe(a.Decision)}");
        }

        var (x, y) = (expected.Engine, actual.Engine);
        Assert.Equal((x.Status, x.HaltReason, x.Cash, x.Equity, x.RealizedPnl, x.Commissions, x.GrossExposure), (y.Status, y.HaltReason, y.Cash, y.Equity, y.RealizedPnl, y.Commissions, y.GrossExposure));
        Assert.Equal((x.OrderCounter, x.FillCount, x.ThrottledOrders), (y.OrderCounter, y.FillCount, y.ThrottledOrders));
        Assert.Equal((x.DuplicateQuotes, x.InvalidQuotes, x.IgnoredQuotes, x.OutOfSessionQuotes), (y.DuplicateQuotes, y.InvalidQuotes, y.IgnoredQuotes, y.OutOfSessionQuotes));
        Assert.Equal(x.Positions, y.Positions);
        Assert.Equal(x.Marks, y.Marks);
        Assert.Equal(x.LastQuoteTimeUnixNs, y.LastQuoteTimeUnixNs);
        foreach (var id in x.Spec.Instruments)
        {
            Assert.Equal(x.LastSequence(id, "replay"), y.LastSequence(id, "replay"));
        }
    }

    [Theory]
    [InlineData(2, 7, 1_000_000, 1, 250)]
    [InlineData(5, 30, 1_000_000, 2, 1)]
    [InlineData(20, 80, 1_000_000, 3, 977)]
    [InlineData(3, 40, 150, 4, 60)]
    [InlineData(10, 11, 40, 5, 3_000)]
    public void One_instrument_prepared_equals_per_quote(int fast, int slow, int maxDailyLoss, int seed, int chunk)
    {
        var spec = Crossover(fast, slow, maxDailyLoss, "SPY");
        var quotes = Day("SPY", seed);

        var perQuote = Run(spec, quotes, prepared: false, chunk);
        var prepared = Run(spec, quotes, prepared: true, chunk);

        AssertSame(perQuote, prepared);
        Assert.NotEmpty(perQuote.Decisions);
        Assert.True(prepared.Engine.QuotesPassedInBulk > quotes.Length / 2, $"only {prepared.Engine.QuotesPassedInBulk} of {quotes.Length} quotes passed in one step");
    }

    [Theory]
    [InlineData(4, 25, 1_000_000, 11)]
    [InlineData(2, 9, 120, 12)]
    [InlineData(15, 60, 60, 13)]
    public void Several_instruments_prepared_equal_per_quote_with_positions_in_several_at_once(int fast, int slow, int maxDailyLoss, int seed)
    {
        var spec = Crossover(fast, slow, maxDailyLoss, "SPY", "AAPL");
        var quotes = ExchangeTimeOrder.Merge([Day("SPY", seed), Day("AAPL", seed + 100, 4_000)]);

        var perQuote = Run(spec, quotes, prepared: false, chunk: 500);
        var prepared = Run(spec, quotes, prepared: true, chunk: 500);

        AssertSame(perQuote, prepared);
        Assert.Contains(perQuote.Decisions, d => d.Decision.InstrumentId == "AAPL" && d.Decision.Fills.Count > 0);
    }

    [Fact]
    public void A_daily_loss_halt_happens_on_the_same_quote()
    {
        var spec = Crossover(2, 7, 25, "SPY");
        var quotes = Day("SPY", 21);

        var perQuote = Run(spec, quotes, prepared: false, chunk: 400);
        var prepared = Run(spec, quotes, prepared: true, chunk: 400);

        Assert.Contains(perQuote.Decisions, d => d.Decision.HaltReason?.StartsWith("daily loss", StringComparison.Ordinal) == true);
        AssertSame(perQuote, prepared);
    }

    [Fact]
    public void A_strategy_that_cannot_look_ahead_takes_every_quote_and_still_matches()
    {
        var spec = new ScenarioSpec("z", "z", "zscore-reversion", new Dictionary<string, string> { ["window"] = "30", ["entryZ"] = "1.5", ["exitZ"] = "0.5", ["quantity"] = "50" },
            ["SPY"], GenerousLimits, "paper", 500_000m, CommissionSchedule.Free, SlippageModel.None);
        var quotes = Day("SPY", 31);

        var perQuote = Run(spec, quotes, prepared: false, chunk: 100);
        var prepared = Run(spec, quotes, prepared: true, chunk: 100);

        AssertSame(perQuote, prepared);
        Assert.NotEmpty(perQuote.Decisions);
        // Only what the strategy is never shown (out of session) can be passed in one step.
        Assert.InRange(prepared.Engine.QuotesPassedInBulk, 1, prepared.Engine.OutOfSessionQuotes + prepared.Engine.InvalidQuotes + prepared.Engine.DuplicateQuotes);
    }

    [Fact]
    public void Prepared_quotes_must_be_taken_in_order_and_only_by_a_fresh_engine()
    {
        var spec = Crossover(2, 7, 1_000, "SPY");
        var quotes = Day("SPY", 41, 200);
        var prepared = new PreparedQuotes(quotes, spec.Instruments, spec.ExtendedHours);
        var engine = new ScenarioEngine(spec, Lookup, StrategyCatalog.Reference.CreateFor(spec));
        engine.Bind(prepared);

        Assert.Throws<InvalidOperationException>(() => engine.ProcessPrepared(10, 20, []));
        Assert.Throws<InvalidOperationException>(() => engine.TryProcess(quotes[0], out _));
        Assert.Throws<InvalidOperationException>(() => engine.Pause());
        var used = new ScenarioEngine(spec, Lookup, StrategyCatalog.Reference.CreateFor(spec));
        used.TryProcess(quotes[0], out _);
        Assert.Throws<InvalidOperationException>(() => used.Bind(prepared));
        var other = new ScenarioEngine(Crossover(2, 7, 1_000, "AAPL"), Lookup, StrategyCatalog.Reference.CreateFor(spec));
        Assert.Throws<ArgumentException>(() => other.Bind(prepared));
    }

    [Fact]
    public void Shared_moving_averages_equal_a_strategy_window_bit_for_bit()
    {
        var quotes = Day("SPY", 51, 3_000);
        var prepared = new PreparedQuotes(quotes, ["SPY"], extendedHours: true);
        var mids = prepared.TradableIndexes(0).ToArray().Select(i => (double)quotes[i].Mid).ToArray();

        var averages = prepared.MovingAverages(0, 37);

        const int window = 37;
        var sum = 0d;
        for (var k = 0; k < mids.Length; k++)
        {
            // As the window does: drop the oldest, add the newest, and re-sum in storage order each time it wraps.
            if (k >= window)
            {
                sum -= mids[k - window];
            }

            sum += mids[k];
            if ((k + 1) % window == 0)
            {
                sum = 0d;
                for (var j = k - window + 1; j <= k; j++)
                {
                    sum += mids[j];
                }
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(sum / Math.Min(k + 1, window)), BitConverter.DoubleToInt64Bits(averages[k]));
        }

        Assert.Same(averages, prepared.MovingAverages(0, 37));
    }
}
