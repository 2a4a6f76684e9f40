using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;

namespace Aegis.Connectors.Tests.Replay;

[Collection(SampleDayCollection.Name)]
[Trait("Category", "Unit")]
public sealed class MarketDayGeneratorTests(SampleDayFixture day)
{
    private const long NanosPerMinute = 60_000_000_000;

    [Fact]
    public async Task Same_seed_gives_identical_quotes_and_a_byte_identical_file()
    {
        var again = new MarketDayGenerator(MarketDayFile.DefaultSeed).Generate();
        Assert.Equal(day.Quotes, again);

        var path = Path.Combine(day.Directory, "same-seed.parquet");
        await MarketDayFile.WriteAsync(path, again, TestContext.Current.CancellationToken);
        Assert.Equal(
            await File.ReadAllBytesAsync(day.FilePath, TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Different_seed_gives_a_different_day()
    {
        var other = new MarketDayGenerator(MarketDayFile.DefaultSeed + 1).Generate();
        Assert.False(day.Quotes.AsSpan().SequenceEqual(other), "seeds 20260302 and 20260303 gave the same day");
        Assert.NotEqual(day.Quotes.Select(q => q.Mid).Take(1_000), other.Select(q => q.Mid).Take(1_000));
    }

    [Fact]
    public void Generation_of_the_full_day_takes_at_most_a_few_seconds()
    {
        Assert.True(day.GenerationTime < TimeSpan.FromSeconds(5), $"generation took {day.GenerationTime}");
    }

    [Fact]
    public void The_day_has_at_least_500k_quotes_for_every_one_of_at_least_20_instruments_including_options()
    {
        Assert.True(day.Quotes.Length >= 500_000, $"{day.Quotes.Length} quotes");
        Assert.True(SampleMarket.Instruments.Count >= 20);
        Assert.True(SampleMarket.Instruments.Count(i => i.Kind == InstrumentKind.Option) >= 6);
        Assert.Equal(
            SampleMarket.Instruments.Select(i => i.Id).Order(StringComparer.Ordinal),
            day.Quotes.Select(q => q.InstrumentId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(
            day.Quotes.GroupBy(q => q.InstrumentId),
            g => Assert.True(g.Count() >= 5_000, $"{g.Key}: only {g.Count()} quotes"));
    }

    [Fact]
    public void No_quote_is_crossed_locked_negative_or_empty_and_all_are_on_the_tick_grid()
    {
        foreach (var quote in day.Quotes)
        {
            var tick = SampleMarket.GetProfile(quote.InstrumentId).Instrument.TickSize;
            Assert.True(quote.Bid > 0m && quote.Ask > quote.Bid, $"bad quote {quote}");
            Assert.True(quote.BidSize > 0 && quote.AskSize > 0, $"bad sizes {quote}");
            Assert.Equal(0m, quote.Bid % tick);
            Assert.Equal(0m, quote.Ask % tick);
            Assert.Equal("replay", quote.Source);
        }
    }

    [Fact]
    public void Tape_is_ordered_by_exchange_time_within_the_session_with_sequences_1_to_n_per_instrument()
    {
        var next = new Dictionary<string, long>();
        var lastTime = new Dictionary<string, long>();
        var previous = long.MinValue;
        foreach (var quote in day.Quotes)
        {
            Assert.InRange(quote.ExchangeTimeUnixNs, SampleMarket.SessionOpenUnixNs, SampleMarket.SessionCloseUnixNs - 1);
            Assert.True(quote.ExchangeTimeUnixNs >= previous, $"tape goes back in time at {quote}");
            previous = quote.ExchangeTimeUnixNs;

            var expected = next.GetValueOrDefault(quote.InstrumentId, 1);
            Assert.Equal(expected, quote.Sequence);
            next[quote.InstrumentId] = expected + 1;
            Assert.True(quote.ExchangeTimeUnixNs > lastTime.GetValueOrDefault(quote.InstrumentId, long.MinValue));
            lastTime[quote.InstrumentId] = quote.ExchangeTimeUnixNs;
        }
    }

    [Fact]
    public void Quote_arrivals_are_U_shaped_over_the_day()
    {
        var open = SampleMarket.SessionOpenUnixNs;
        var close = SampleMarket.SessionCloseUnixNs;
        var firstHalfHour = CountBetween(open, open + (30 * NanosPerMinute));
        var middayHalfHour = CountBetween(open + (180 * NanosPerMinute), open + (210 * NanosPerMinute));
        var lastHalfHour = CountBetween(close - (30 * NanosPerMinute), close);

        Assert.True(firstHalfHour > 1.5 * middayHalfHour, $"open {firstHalfHour} vs midday {middayHalfHour}");
        Assert.True(lastHalfHour > 1.2 * middayHalfHour, $"close {lastHalfHour} vs midday {middayHalfHour}");
    }

    [Fact]
    public void Spy_is_one_tick_wide_at_midday_wider_at_the_open_and_options_are_wider_than_spy()
    {
        var open = SampleMarket.SessionOpenUnixNs;
        var spy = day.Quotes.Where(q => q.InstrumentId == "SPY").ToArray();
        var midday = spy.Where(q => q.ExchangeTimeUnixNs > open + (150 * NanosPerMinute) && q.ExchangeTimeUnixNs < open + (240 * NanosPerMinute)).ToArray();
        var firstMinutes = spy.Where(q => q.ExchangeTimeUnixNs < open + (2 * NanosPerMinute)).ToArray();

        Assert.True(midday.Count(q => q.Spread == 0.01m) > 0.8 * midday.Length, "SPY is not mostly one tick wide at midday");
        Assert.True(firstMinutes.Average(q => q.Spread) > 2 * midday.Average(q => q.Spread), "SPY spreads do not widen at the open");

        var spyOptions = SampleMarket.Instruments.Where(i => i.Underlying == "SPY").Select(i => i.Id).ToHashSet();
        var optionSpread = day.Quotes.Where(q => spyOptions.Contains(q.InstrumentId)).Average(q => q.Spread);
        Assert.True(optionSpread > midday.Average(q => q.Spread), $"SPY options spread {optionSpread} not wider than SPY");
    }

    [Fact]
    public void Every_equity_has_a_few_jumps_with_wider_spreads_right_after()
    {
        foreach (var profile in SampleMarket.Profiles.Where(p => p.Instrument.Kind == InstrumentKind.Equity))
        {
            var quotes = day.Quotes.Where(q => q.InstrumentId == profile.Instrument.Id).ToArray();

            // The smallest jump is 2% of the annual volatility; diffusion between two quotes is far smaller.
            var threshold = 0.015 * profile.Volatility;
            var jumps = 0;
            var wideAfterJump = 0;
            for (var i = 1; i < quotes.Length; i++)
            {
                var move = Math.Abs(Math.Log((double)(quotes[i].Mid / quotes[i - 1].Mid)));
                if (move > threshold)
                {
                    jumps++;
                    wideAfterJump += quotes[i].Spread > quotes[i - 1].Spread ? 1 : 0;
                }
            }

            Assert.InRange(jumps, 1, profile.JumpsPerDay);
            Assert.True(wideAfterJump >= 1, $"{profile.Instrument.Id}: spreads never widen after a jump");
        }
    }

    [Fact]
    public void Options_follow_their_underlying()
    {
        foreach (var option in SampleMarket.Instruments.Where(i => i.Kind == InstrumentKind.Option))
        {
            var underlyingMid = 0m;
            var minuteUnderlying = new Dictionary<long, decimal>();
            var minuteOption = new Dictionary<long, decimal>();
            foreach (var quote in day.Quotes)
            {
                if (quote.InstrumentId == option.Underlying)
                {
                    underlyingMid = quote.Mid;
                    minuteUnderlying[quote.ExchangeTimeUnixNs / (5 * NanosPerMinute)] = quote.Mid;
                }
                else if (quote.InstrumentId == option.Id && underlyingMid > 0)
                {
                    // Never below intrinsic value (give or take the underlying's quoting noise).
                    var intrinsic = option.Right == OptionRight.Call
                        ? Math.Max(underlyingMid - option.Strike!.Value, 0)
                        : Math.Max(option.Strike!.Value - underlyingMid, 0);
                    Assert.True(quote.Ask >= intrinsic - 0.05m, $"{quote} below intrinsic {intrinsic}");
                    minuteOption[quote.ExchangeTimeUnixNs / (5 * NanosPerMinute)] = quote.Mid;
                }
            }

            // Five-minute changes move with the underlying for calls and against it for puts.
            var buckets = minuteOption.Keys.Where(k => minuteUnderlying.ContainsKey(k) && minuteOption.ContainsKey(k - 1) && minuteUnderlying.ContainsKey(k - 1)).ToArray();
            var correlation = Correlation(
                buckets.Select(k => (double)(minuteUnderlying[k] - minuteUnderlying[k - 1])).ToArray(),
                buckets.Select(k => (double)(minuteOption[k] - minuteOption[k - 1])).ToArray());
            if (option.Right == OptionRight.Call)
            {
                Assert.True(correlation > 0.6, $"{option.Id}: correlation {correlation}");
            }
            else
            {
                Assert.True(correlation < -0.6, $"{option.Id}: correlation {correlation}");
            }
        }
    }

    private int CountBetween(long fromUnixNs, long toUnixNs) =>
        day.Quotes.Count(q => q.ExchangeTimeUnixNs >= fromUnixNs && q.ExchangeTimeUnixNs < toUnixNs);

    private static double Correlation(double[] x, double[] y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        var covariance = x.Zip(y, (a, b) => (a - meanX) * (b - meanY)).Sum();
        return covariance / Math.Sqrt(x.Sum(a => (a - meanX) * (a - meanX)) * y.Sum(b => (b - meanY) * (b - meanY)));
    }
}
