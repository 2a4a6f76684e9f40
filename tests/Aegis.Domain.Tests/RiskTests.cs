using Aegis.Domain.Orders;
using Aegis.Domain.Risk;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class RiskTests
{
    private static OrderIntent Buy(long qty, string id = "s1-1") => new(id, "SPY", OrderSide.Buy, qty, OrderType.Market, null, TimeInForce.Day);

    private static OrderIntent Sell(long qty, string id = "s1-1") => new(id, "SPY", OrderSide.Sell, qty, OrderType.Market, null, TimeInForce.Day);

    [Fact]
    public void Order_taking_the_position_beyond_max_units_is_rejected_with_the_reason()
    {
        var check = new RiskCheck(GenerousLimits with { MaxPositionUnits = 100 });

        var decision = check.Check(Buy(30), position: 80, working: 0, 10m, 1m, T0);

        Assert.False(decision.IsAccepted);
        Assert.Contains("max position units 100", decision.Reason);
        Assert.True(check.Check(Buy(20), 80, 0, 10m, 1m, T0).IsAccepted);
    }

    [Fact]
    public void Resting_orders_count_towards_the_position_limit() =>
        Assert.False(new RiskCheck(GenerousLimits with { MaxPositionUnits = 100 }).Check(Buy(30), 0, 80, 10m, 1m, T0).IsAccepted);

    [Fact]
    public void Reducing_an_over_limit_position_is_always_allowed() =>
        Assert.True(new RiskCheck(GenerousLimits with { MaxPositionUnits = 10, MaxNotional = 1m }).Check(Sell(50), 500, 0, 10m, 1m, T0).IsAccepted);

    [Fact]
    public void Order_taking_the_notional_beyond_the_limit_is_rejected()
    {
        var check = new RiskCheck(GenerousLimits with { MaxNotional = 10_000m });

        Assert.True(check.Check(Buy(1), 0, 0, 100m, 100m, T0).IsAccepted);
        var decision = check.Check(Buy(2), 0, 0, 100m, 100m, T0);
        Assert.False(decision.IsAccepted);
        Assert.Contains("max notional 10000", decision.Reason);
    }

    [Fact]
    public void Orders_per_minute_is_a_sliding_window_on_quote_time()
    {
        var check = new RiskCheck(GenerousLimits with { MaxOrdersPerMinute = 3 });
        foreach (var t in new[] { 0, 10, 20 })
        {
            Assert.True(check.Check(Buy(1), 0, 0, 1m, 1m, T0 + Seconds(t)).IsAccepted);
            check.RecordAccepted(T0 + Seconds(t));
        }

        Assert.False(check.Check(Buy(1), 0, 0, 1m, 1m, T0 + Seconds(59.999)).IsAccepted);
        Assert.Contains("max orders per minute 3", check.Check(Buy(1), 0, 0, 1m, 1m, T0 + Seconds(30)).Reason);
        Assert.True(check.Check(Buy(1), 0, 0, 1m, 1m, T0 + Seconds(60)).IsAccepted);
    }

    [Fact]
    public void Accepted_check_does_not_allocate()
    {
        var check = new RiskCheck(GenerousLimits);
        var order = Buy(1);
        for (var i = 0; i < 1000; i++)
        {
            // The window grows to the orders of a minute once; after that nothing is allocated.
            check.Check(order, 0, 0, 1m, 1m, T0 - UnixTime.NanosecondsPerMinute + i);
            check.RecordAccepted(T0 - UnixTime.NanosecondsPerMinute + i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            check.Check(order, 0, 0, 1m, 1m, T0 + i);
            check.RecordAccepted(T0 + i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Engine_rejects_orders_over_the_rate_limit_and_records_them_in_the_decision()
    {
        var limits = GenerousLimits with { MaxOrdersPerMinute = 2 };
        var engine = Engine(Spec(limits: limits), new ScriptedStrategy((q, c) => c.Submit(OrderSide.Buy, "SPY", 1)));

        var decisions = Run(engine, Mids("SPY", 1, 100m, 100m, 100m));

        Assert.Equal([0, 0, 1], decisions.Select(d => d.Rejections.Count));
        Assert.StartsWith("s1-3: max orders per minute", decisions[2].Rejections[0]);
        Assert.Equal(2, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Orders_refused_again_while_the_rate_window_is_full_are_counted_not_journaled()
    {
        var limits = GenerousLimits with { MaxOrdersPerMinute = 2 };
        var engine = Engine(Spec(limits: limits), new ScriptedStrategy((q, c) => c.Submit(OrderSide.Buy, "SPY", 1)));

        // Quotes one second apart: orders at 1 s and 2 s fill the window until 61 s.
        var decisions = Run(engine, Mids("SPY", 1, Enumerable.Repeat(100m, 70).ToArray()));

        Assert.Equal([1L, 2L, 3L, 61L, 62L, 63L], decisions.Select(d => d.QuoteSequence));
        Assert.StartsWith("s1-3: max orders per minute 2 reached", decisions[2].Rejections.Single());
        Assert.Equal(T0 + Seconds(61), decisions[2].ThrottledUntilUnixNs);
        Assert.Equal(T0 + Seconds(121), decisions[5].ThrottledUntilUnixNs);
        Assert.Equal(57 + 7, engine.ThrottledOrders);
        Assert.Equal(4, engine.GetPosition("SPY").Quantity);
        Assert.Null(decisions[3].ThrottledUntilUnixNs);
        Assert.Empty(decisions[3].Rejections);
    }

    [Fact]
    public void The_throttle_survives_a_snapshot_and_a_replay_of_its_inputs()
    {
        var limits = GenerousLimits with { MaxOrdersPerMinute = 2 };
        var spec = Spec(limits: limits);
        static IStrategy Buyer() => new ScriptedStrategy((q, c) => c.Submit(OrderSide.Buy, "SPY", 1));
        var quotes = Mids("SPY", 1, Enumerable.Repeat(100m, 10).ToArray()).ToArray();
        var original = Engine(spec, Buyer());
        var snapshot = original.Snapshot();
        Run(original, quotes.Take(5));

        var fromJournal = ScenarioEngine.Restore(spec, Lookup, Buyer(), snapshot);
        Run(fromJournal, quotes.Take(5));
        var fromSnapshot = ScenarioEngine.Restore(spec, Lookup, Buyer(), original.Snapshot());

        Assert.Empty(Run(fromJournal, quotes.Skip(5)));
        Assert.Empty(Run(fromSnapshot, quotes.Skip(5)));
        Assert.Equal(2 + 5, fromSnapshot.ThrottledOrders);
    }

    [Fact]
    public void Daily_loss_halts_the_scenario_and_records_the_reason()
    {
        var limits = GenerousLimits with { MaxDailyLoss = 500m };
        var engine = Engine(Spec(limits: limits), new OrdersAtSequence((1, OrderSide.Buy, 100, OrderType.Market, null, TimeInForce.Day)));

        var decisions = Run(engine, Mids("SPY", 1, 100m, 97m, 95.01m, 94.99m, 90m));

        Assert.Equal(ScenarioStatus.Halted, engine.Status);
        Assert.Equal("daily loss 501.500 reached max daily loss 500", engine.HaltReason);
        Assert.Equal(2, decisions.Count);
        Assert.Equal((4L, ScenarioStatus.Halted), (decisions[1].QuoteSequence, decisions[1].StatusAfter));
    }

    [Fact]
    public void Halted_scenario_stays_halted_until_resumed_explicitly_even_on_a_new_day()
    {
        var strategy = new ScriptedStrategy();
        var engine = Engine(Spec(), strategy);
        engine.Halt("operator");

        engine.TryProcess(Q("SPY", 100m, 100.01m, 1, T0 + UnixTime.NanosecondsPerDay), out _);

        Assert.Equal(ScenarioStatus.Halted, engine.Status);
        Assert.Empty(strategy.SeenSequences);
        Assert.True(engine.Resume());
        engine.TryProcess(Q("SPY", 100m, 100.01m, 2, T0 + UnixTime.NanosecondsPerDay + 1), out _);
        Assert.Equal([2L], strategy.SeenSequences);
    }
}
