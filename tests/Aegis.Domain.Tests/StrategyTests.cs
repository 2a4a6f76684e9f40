using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class StrategyTests
{
    private static (long Sequence, OrderSide Side, long Quantity)[] Trades(IEnumerable<ScenarioDecision> decisions) =>
        [.. decisions.SelectMany(d => d.Fills.Select(f => (d.QuoteSequence, f.Side, f.Quantity)))];

    [Fact]
    public void Ma_crossover_waits_for_a_cross_then_goes_long_and_flips_short()
    {
        var engine = Engine(Spec(), new MovingAverageCrossover(fast: 2, slow: 4, quantity: 10));

        // Already below at warm-up (no trade), crosses up at #7, down at #9.
        var decisions = Run(engine, Mids("SPY", 1, 104m, 103m, 102m, 101m, 100m, 103m, 106m, 100m, 94m));

        Assert.Equal([(7L, OrderSide.Buy, 10L), (9L, OrderSide.Sell, 20L)], Trades(decisions));
        Assert.Equal(-10, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Ma_crossover_long_only_goes_flat_on_a_down_cross()
    {
        var engine = Engine(Spec(), new MovingAverageCrossover(2, 4, 10, allowShort: false));

        var decisions = Run(engine, Mids("SPY", 1, 104m, 103m, 102m, 101m, 100m, 103m, 106m, 100m, 94m));

        Assert.Equal([(7L, OrderSide.Buy, 10L), (9L, OrderSide.Sell, 10L)], Trades(decisions));
    }

    [Fact]
    public void Zscore_buys_a_drop_below_entry_and_exits_near_the_mean()
    {
        var engine = Engine(Spec(), new ZScoreMeanReversion(window: 5, entryZ: 2, exitZ: 0.5, quantity: 10));

        var decisions = Run(engine, Mids("SPY", 1, 100m, 101m, 100m, 101m, 100m, 98m, 100m));

        Assert.Equal([(6L, OrderSide.Buy, 10L), (7L, OrderSide.Sell, 10L)], Trades(decisions));
    }

    [Fact]
    public void Zscore_shorts_a_spike_and_never_trades_a_flat_series()
    {
        var flat = Engine(Spec(), new ZScoreMeanReversion(5, 2, 0.5, 10));
        Assert.Empty(Run(flat, Mids("SPY", 1, 100m, 100m, 100m, 100m, 100m, 100m, 100m)));

        var spiky = Engine(Spec(), new ZScoreMeanReversion(5, 2, 0.5, 10));
        Assert.Equal([(6L, OrderSide.Sell, 10L)], Trades(Run(spiky, Mids("SPY", 1, 100m, 101m, 100m, 101m, 100m, 103m))));
    }

    private static Quote At(long minutes, decimal mid, long sequence) =>
        Q("SPY", mid - 0.01m, mid + 0.01m, sequence, T0 + (minutes * UnixTime.NanosecondsPerMinute));

    [Fact]
    public void Opening_range_breakout_buys_the_first_break_above_the_range_once_and_flattens_before_the_close()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(rangeMinutes: 30, quantity: 10, flattenMinutesBeforeClose: 5));

        // T0 is 13:30 UTC; the range is 13:30–14:00 (99–101); close 20:00, flatten from 19:55.
        var decisions = Run(engine,
        [
            At(0, 100m, 1), At(10, 101m, 2), At(20, 99m, 3), At(29, 102m, 4),
            At(31, 100.5m, 5), At(32, 102.5m, 6), At(40, 95m, 7), At(50, 103m, 8),
            At(384, 101m, 9), At(385, 101m, 10),
        ]);

        Assert.Equal([(6L, OrderSide.Buy, 10L), (10L, OrderSide.Sell, 10L)], Trades(decisions));
    }

    [Fact]
    public void Opening_range_breakout_shorts_a_break_below_and_holds_overnight_by_default()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10));

        var decisions = Run(engine, [At(0, 100m, 1), At(10, 101m, 2), At(31, 98.99m, 3), At(389, 98m, 4)]);

        Assert.Equal([(3L, OrderSide.Sell, 10L)], Trades(decisions));
        Assert.Equal(-10, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Opening_range_breakout_flattens_from_a_timer_when_no_quote_arrives()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));
        Run(engine, [At(0, 100m, 1), At(31, 102m, 2)]);

        Assert.Null(engine.OnTimer(T0 + (380 * UnixTime.NanosecondsPerMinute)));
        var decision = engine.OnTimer(T0 + (386 * UnixTime.NanosecondsPerMinute));

        var fill = Assert.Single(decision!.Fills);
        Assert.Equal((OrderSide.Sell, 10L, 101.99m), (fill.Side, fill.Quantity, fill.Price));
        Assert.Equal(string.Empty, decision.InstrumentId);
        Assert.Equal(0, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Strategy_state_survives_save_and_restore_so_decisions_continue_identically()
    {
        var quotes = RandomWalk(seed: 7, count: 400).ToArray();
        var uninterrupted = Engine(Spec(), new MovingAverageCrossover(3, 12, 5));
        var expected = Json(Run(uninterrupted, quotes));

        var first = Engine(Spec(), new MovingAverageCrossover(3, 12, 5));
        var before = Run(first, quotes.Take(150));
        var restored = ScenarioEngine.Restore(Spec(), Lookup, new MovingAverageCrossover(3, 12, 5), first.Snapshot());
        var after = Run(restored, quotes.Skip(150));

        Assert.True(before.Count > 0 && after.Count > 0, "the series must trade on both sides of the restart");
        Assert.Equal(expected, Json(before.Concat(after)));
    }

    [Fact]
    public void Restoring_state_saved_with_a_different_window_starts_cold_instead_of_failing()
    {
        var small = new ZScoreMeanReversion(5, 2, 0.5, 10);
        Run(Engine(Spec(), small), Mids("SPY", 1, 100m, 101m, 100m, 101m, 100m));
        var larger = new ZScoreMeanReversion(10, 2, 0.5, 10);

        larger.RestoreState(small.SaveState());

        Assert.Equal("{}", larger.SaveState());
    }

    internal static IEnumerable<Quote> RandomWalk(int seed, int count, string id = "SPY")
    {
        var random = new Random(seed);
        var mid = 100m;
        for (var i = 1; i <= count; i++)
        {
            mid += random.Next(-10, 11) / 100m;
            yield return Q(id, mid - 0.01m, mid + 0.01m, i);
        }
    }

    internal static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
