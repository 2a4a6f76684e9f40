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

    private static Quote AtUtc(int month, int day, int hour, int minute, decimal mid, long sequence, int year = 2025) =>
        Q("SPY", mid - 0.01m, mid + 0.01m, sequence, UnixTime.FromUtc(year, month, day, hour, minute));

    [Fact]
    public void Opening_range_breakout_ignores_pre_market_quotes_when_forming_the_range()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10));

        // 2025-06-02: pre-market 08:00 and 09:00 New York (12:00, 13:00 UTC) trade far outside the
        // regular range 100-101; had they counted, 102 would be inside the range.
        var decisions = Run(engine,
        [
            AtUtc(6, 2, 12, 0, 110m, 1), AtUtc(6, 2, 13, 0, 90m, 2),
            AtUtc(6, 2, 13, 30, 100m, 3), AtUtc(6, 2, 13, 45, 101m, 4), AtUtc(6, 2, 14, 1, 102m, 5),
        ]);

        Assert.Equal([(5L, OrderSide.Buy, 10L)], Trades(decisions));
    }

    [Fact]
    public void Opening_range_is_timed_from_the_session_open_not_from_the_first_quote()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10));

        // The first quote comes 20 minutes after the open; the range still ends at 10:00 New York.
        var decisions = Run(engine, [At(20, 100m, 1), At(25, 101m, 2), At(30, 101.5m, 3)]);

        Assert.Equal([(3L, OrderSide.Buy, 10L)], Trades(decisions));
    }

    [Fact]
    public void Opening_range_breakout_without_a_quote_in_the_range_does_not_trade_that_session()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10));

        Assert.Empty(Run(engine, [At(31, 100m, 1), At(40, 120m, 2), At(50, 80m, 3)]));
    }

    [Fact]
    public void Opening_range_breakout_takes_no_breakout_after_the_regular_close()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10));

        // 16:00 New York is 20:00 UTC; the quote at 20:00 is post-market.
        Assert.Empty(Run(engine, [At(0, 100m, 1), At(10, 101m, 2), At(390, 105m, 3), At(450, 90m, 4)]));
    }

    [Fact]
    public void Opening_range_breakout_flattens_before_an_early_close_and_takes_no_breakout_after_it()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));

        // 2025-11-28 closes at 13:00 New York, 18:00 UTC: flatten from 17:55 UTC; the quote at 110
        // after that would have been a breakout to re-enter had the session still been open.
        var decisions = Run(engine,
        [
            AtUtc(11, 28, 14, 30, 100m, 1), AtUtc(11, 28, 14, 45, 101m, 2), AtUtc(11, 28, 15, 10, 102m, 3),
            AtUtc(11, 28, 17, 54, 102m, 4), AtUtc(11, 28, 17, 55, 102m, 5), AtUtc(11, 28, 17, 56, 110m, 6),
        ]);

        Assert.Equal([(3L, OrderSide.Buy, 10L), (5L, OrderSide.Sell, 10L)], Trades(decisions));
        Assert.Equal(0, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void An_untraded_range_cannot_break_out_after_the_early_close_flatten_point()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));

        Assert.Empty(Run(engine, [AtUtc(12, 24, 14, 30, 100m, 1), AtUtc(12, 24, 14, 45, 101m, 2), AtUtc(12, 24, 17, 55, 110m, 3)]));
    }

    [Fact]
    public void Opening_range_breakout_flattens_from_a_timer_before_an_early_close()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));
        Run(engine, [AtUtc(12, 24, 14, 30, 100m, 1), AtUtc(12, 24, 15, 1, 102m, 2)]);

        // 2025-12-24 closes at 13:00 New York, 18:00 UTC.
        Assert.Null(engine.OnTimer(UnixTime.FromUtc(2025, 12, 24, 17, 54)));
        var decision = engine.OnTimer(UnixTime.FromUtc(2025, 12, 24, 17, 55));

        Assert.Equal((OrderSide.Sell, 10L), (decision!.Fills[0].Side, decision.Fills[0].Quantity));
        Assert.Equal(0, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Opening_range_follows_the_new_york_open_across_the_spring_clock_change()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));

        // Friday 2025-03-07 (EST): open 14:30 UTC, close 21:00, flatten 20:55. The 14:00 UTC quote is
        // pre-market. Monday 2025-03-10 (EDT): open 13:30 UTC, close 20:00, flatten 19:55.
        var decisions = Run(engine,
        [
            AtUtc(3, 7, 14, 0, 50m, 1), AtUtc(3, 7, 14, 30, 100m, 2), AtUtc(3, 7, 14, 59, 101m, 3),
            AtUtc(3, 7, 15, 0, 101.5m, 4), AtUtc(3, 7, 20, 54, 101m, 5), AtUtc(3, 7, 20, 55, 101m, 6),
            AtUtc(3, 10, 13, 30, 200m, 7), AtUtc(3, 10, 13, 59, 201m, 8), AtUtc(3, 10, 14, 0, 199m, 9),
            AtUtc(3, 10, 19, 54, 199m, 10), AtUtc(3, 10, 19, 55, 199m, 11),
        ]);

        Assert.Equal(
            [(4L, OrderSide.Buy, 10L), (6L, OrderSide.Sell, 10L), (9L, OrderSide.Sell, 10L), (11L, OrderSide.Buy, 10L)],
            Trades(decisions));
    }

    [Fact]
    public void Opening_range_breakout_does_not_trade_on_a_holiday_or_a_weekend()
    {
        var engine = Engine(Spec(), new OpeningRangeBreakout(30, 10, flattenMinutesBeforeClose: 5));

        // Good Friday 2026-04-03, then Saturday 2026-04-04, at the hours of a normal summer session.
        Quote[] quotes =
        [
            AtUtc(4, 3, 13, 30, 100m, 1, 2026), AtUtc(4, 3, 13, 45, 101m, 2, 2026), AtUtc(4, 3, 14, 1, 105m, 3, 2026),
            AtUtc(4, 4, 13, 30, 100m, 4, 2026), AtUtc(4, 4, 13, 45, 101m, 5, 2026), AtUtc(4, 4, 14, 1, 105m, 6, 2026),
        ];

        Assert.Empty(Run(engine, quotes));
        Assert.Null(engine.OnTimer(UnixTime.FromUtc(2026, 4, 3, 19, 58)));
    }

    [Fact]
    public void Opening_range_state_round_trips_exactly_and_a_restored_strategy_decides_alike()
    {
        Quote[] quotes =
        [
            At(0, 100.50m, 1), At(10, 101.25m, 2), At(20, 99.75m, 3), At(31, 100m, 4), At(32, 101.30m, 5),
            At(385, 101m, 6),
        ];
        static OpeningRangeBreakout Orb() => new(30, 10, flattenMinutesBeforeClose: 5);
        var expected = Json(Run(Engine(Spec(), Orb()), quotes));

        // Stop inside the opening range, so the saved high and low decide the breakout after the restart.
        var strategy = Orb();
        var first = Engine(Spec(), strategy);
        var before = Run(first, quotes.Take(3));
        var saved = strategy.SaveState();
        var reloaded = Orb();
        reloaded.RestoreState(saved);
        var after = Run(ScenarioEngine.Restore(Spec(), Lookup, Orb(), first.Snapshot()), quotes.Skip(3));

        Assert.Equal(saved, reloaded.SaveState());
        Assert.Contains("\"High\":101.25,\"Low\":99.75", saved, StringComparison.Ordinal);
        Assert.Empty(before);
        Assert.Equal([(5L, OrderSide.Buy, 10L), (6L, OrderSide.Sell, 10L)], Trades(after));
        Assert.Equal(expected, Json(before.Concat(after)));
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
