using System.Text.Json;
using Aegis.Domain.Execution;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class ScenarioEngineTests
{
    private static ScriptedStrategy BuyOneEveryQuote() => new((q, c) => c.Submit(OrderSide.Buy, q.InstrumentId, 1));

    [Fact]
    public void Quotes_for_instruments_outside_the_spec_are_ignored()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);

        Assert.False(engine.TryProcess(Q("AAPL", 200m, 200.01m, 1), out var decision));

        Assert.Null(decision);
        Assert.Empty(strategy.SeenSequences);
        Assert.Equal(1, engine.IgnoredQuotes);
    }

    [Fact]
    public void Invalid_quotes_never_reach_the_strategy()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);

        Assert.False(engine.TryProcess(Q("SPY", 100.02m, 100.01m, 1), out _));

        Assert.Empty(strategy.SeenSequences);
        Assert.Equal((1L, -1L), (engine.InvalidQuotes, engine.LastSequence("SPY", "replay")));
    }

    [Fact]
    public void Duplicate_and_out_of_order_quotes_never_trade_twice()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);

        var decisions = Run(engine, [Q("SPY", 100m, 100.01m, 1), Q("SPY", 100m, 100.01m, 2), Q("SPY", 100m, 100.01m, 2), Q("SPY", 100m, 100.01m, 1), Q("SPY", 100m, 100.01m, 3)]);

        Assert.Equal([1L, 2L, 3L], decisions.Select(d => d.QuoteSequence));
        Assert.Equal([1L, 2L, 3L], strategy.SeenSequences);
        Assert.Equal((3L, 3L, 2L), (engine.FillCount, engine.GetPosition("SPY").Quantity, engine.DuplicateQuotes));
    }

    [Fact]
    public void A_quote_that_changes_nothing_returns_false_without_a_decision()
    {
        var engine = Engine(Spec(), new ScriptedStrategy());

        Assert.False(engine.TryProcess(Q("SPY", 100m, 100.01m, 1), out var decision));
        Assert.Null(decision);
        Assert.Equal(1, engine.LastSequence("SPY", "replay"));
    }

    [Fact]
    public void Market_order_decision_carries_the_intent_fill_and_deterministic_ids()
    {
        var engine = Engine(Spec(id: "demo-1", slippage: new SlippageModel(1), commission: CommissionSchedule.Default),
            new OrdersAtSequence((5, OrderSide.Buy, 300, OrderType.Market, null, TimeInForce.Day)));

        Assert.True(engine.TryProcess(Q("SPY", 100.00m, 100.02m, 5), out var decision));

        var intent = Assert.Single(decision!.Intents);
        var fill = Assert.Single(decision.Fills);
        Assert.Equal("demo-1-1", intent.ClientOrderId);
        Assert.Equal(new Fill("demo-1-1-f1", "demo-1-1", "SPY", OrderSide.Buy, 300, 100.03m, 1.50m, T0 + Seconds(5), 5), fill);
        Assert.Equal(100_000m - (300 * 100.03m) - 1.50m, engine.Cash);
        Assert.Equal((1L, 1L), (engine.OrderCounter, decision.OrderCounterAfter));
    }

    [Fact]
    public void Paused_scenario_marks_prices_but_does_not_call_the_strategy()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);
        engine.TryProcess(Q("SPY", 100m, 100m, 1), out _);
        Assert.True(engine.Pause());

        Assert.False(engine.TryProcess(Q("SPY", 110m, 110m, 2), out _));

        Assert.Equal([1L], strategy.SeenSequences);
        Assert.Equal(100_000m + 10m, engine.Equity);
        Assert.Equal(10m, engine.UnrealizedPnl);
        Assert.Equal(2, engine.LastSequence("SPY", "replay"));
    }

    [Fact]
    public void Retired_is_terminal()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);
        Assert.True(engine.Retire());

        Assert.False(engine.Resume());
        Assert.False(engine.TryProcess(Q("SPY", 100m, 100m, 1), out _));
        Assert.Empty(strategy.SeenSequences);
        Assert.Equal(ScenarioStatus.Retired, engine.Status);
    }

    [Fact]
    public void Orders_for_instruments_outside_the_spec_and_malformed_orders_are_rejected_as_values()
    {
        var engine = Engine(Spec(), new ScriptedStrategy((q, c) =>
        {
            c.Submit(OrderSide.Buy, "AAPL", 1);
            c.Submit(OrderSide.Buy, "SPY", 0);
            c.Submit(OrderSide.Buy, "SPY", 1, OrderType.Limit);
        }));

        Assert.True(engine.TryProcess(Q("SPY", 100m, 100m, 1), out var decision));

        Assert.Equal(
            ["s1-1: instrument 'AAPL' is not traded by scenario 's1'", "s1-2: quantity must be > 0, got 0", "s1-3: limit order needs a limit price > 0"],
            decision!.Rejections);
        Assert.Empty(decision.Intents);
    }

    [Fact]
    public void Fills_are_fed_back_to_the_strategy()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);

        engine.TryProcess(Q("SPY", 100m, 100m, 1), out var decision);

        Assert.Equal(decision!.Fills, strategy.SeenFills);
    }

    [Fact]
    public void Same_quotes_twice_give_identical_decisions()
    {
        var quotes = StrategyTests.RandomWalk(seed: 42, count: 2000).ToArray();
        var spec = Spec(commission: CommissionSchedule.Default, slippage: SlippageModel.Default, limits: GenerousLimits with { MaxOrdersPerMinute = 2 });

        var first = Run(Engine(spec, new MovingAverageCrossover(3, 8, 10)), quotes);
        var second = Run(Engine(spec, new MovingAverageCrossover(3, 8, 10)), quotes);

        Assert.True(first.Count > 20, $"expected a busy run, got {first.Count} decisions");
        Assert.Contains(first, d => d.Rejections.Count > 0);
        Assert.Equal(StrategyTests.Json(first), StrategyTests.Json(second));
    }

    [Fact]
    public void Quiet_quotes_do_not_allocate()
    {
        // A position, a resting order that never crosses and a warmed-up strategy: the realistic steady state.
        var withOrders = Engine(Spec(), new OrdersAtSequence(
            (1, OrderSide.Buy, 10, OrderType.Market, null, TimeInForce.Day),
            (2, OrderSide.Buy, 10, OrderType.Limit, 50m, TimeInForce.Gtc)));
        var withStrategy = Engine(Spec(), new MovingAverageCrossover(5, 50, 10));
        var sequence = 0L;
        for (; sequence < 200; sequence++)
        {
            withOrders.TryProcess(Q("SPY", 100m, 100.01m, sequence + 1), out _);
            withStrategy.TryProcess(Q("SPY", 100m, 100.01m, sequence + 1), out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decisions = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sequence++;
            var quote = new Quote("SPY", 100m, 100.01m, 1, 1, T0 + sequence, T0 + sequence, "replay", sequence);
            decisions += withOrders.TryProcess(quote, out _) ? 1 : 0;
            decisions += withStrategy.TryProcess(quote, out _) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, decisions);
        Assert.Single(withOrders.OpenOrders);
    }

    [Fact]
    public void Snapshot_restore_then_replay_of_the_logged_inputs_makes_the_same_decisions_and_state_as_the_uninterrupted_run()
    {
        var (quotes, strategy, spec) = JournalScenario();
        var uninterrupted = Engine(spec, strategy());
        Run(uninterrupted, quotes);

        // The crashed run: delivered in batches, snapshot after the first nine quotes, inputs and journal after.
        var live = new ScenarioRunner(Engine(spec, strategy()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        live.Process(quotes.AsSpan(0, 9), inputs, journal);
        var snapshotJson = JsonSerializer.Serialize(live.Engine.Snapshot());
        var (inputsAtSnapshot, decisionsAtSnapshot) = (live.InputSequence, live.DecisionSequence);
        live.Process(quotes.AsSpan(9, 3), inputs, journal);
        live.Process(quotes.AsSpan(12), inputs, journal);
        var afterSnapshot = journal.Where(d => d.DecisionSequence > decisionsAtSnapshot).ToList();
        Assert.True(afterSnapshot.Count >= 4, "the journal after the snapshot must hold several decisions");
        Assert.Contains(afterSnapshot, d => d.Decision.Rejections.Count > 0);
        Assert.Contains(afterSnapshot, d => d.Decision.Cancellations.Count > 0);

        var tape = new QuoteHistory();
        foreach (var stream in quotes.GroupBy(q => q.InstrumentId))
        {
            tape.Add("replay", stream.Key, stream);
        }

        var restored = ScenarioEngine.Restore(spec, Lookup, strategy(), JsonSerializer.Deserialize<ScenarioSnapshot>(snapshotJson)!);
        var recovery = new ScenarioRunner(restored, inputsAtSnapshot, decisionsAtSnapshot);
        var report = ScenarioReplayer.Replay(recovery, inputs.Where(i => i.InputSequence > inputsAtSnapshot), tape, afterSnapshot);

        Assert.True(report.Identical, report.Divergence?.ToString() ?? report.Error);
        Assert.Equal(afterSnapshot.Count, report.DecisionsCompared);
        Assert.Equal(JsonSerializer.Serialize(uninterrupted.Snapshot()), JsonSerializer.Serialize(restored.Snapshot()));
        Assert.Equal(JsonSerializer.Serialize(live.Engine.Snapshot()), JsonSerializer.Serialize(restored.Snapshot()));
    }

    [Fact]
    public void A_replay_reports_the_first_decision_that_differs_from_the_journal_with_both_sides()
    {
        var (quotes, strategy, spec) = JournalScenario();
        var live = new ScenarioRunner(Engine(spec, strategy()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        live.Process(quotes, inputs, journal);
        var tampered = journal.ToList();
        var third = tampered[2];
        tampered[2] = third with { Decision = third.Decision with { OrderCounterAfter = third.Decision.OrderCounterAfter + 1 } };
        var tape = new QuoteHistory();
        foreach (var stream in quotes.GroupBy(q => q.InstrumentId))
        {
            tape.Add("replay", stream.Key, stream);
        }

        var report = ScenarioReplayer.Replay(new ScenarioRunner(Engine(spec, strategy())), inputs, tape, tampered);

        Assert.False(report.Identical);
        Assert.Equal(2, report.DecisionsCompared);
        Assert.Equal(3, report.Divergence!.DecisionSequence);
        Assert.Equal(third.InputSequence, report.Divergence.InputSequence);
        Assert.Contains($"orders {third.Decision.OrderCounterAfter + 1}", report.Divergence.Journaled, StringComparison.Ordinal);
        Assert.Contains($"orders {third.Decision.OrderCounterAfter}", report.Divergence.Replayed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replay_whose_tape_lacks_a_logged_quote_stops_with_the_input_that_names_it()
    {
        var (quotes, strategy, spec) = JournalScenario();
        var live = new ScenarioRunner(Engine(spec, strategy()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        live.Process(quotes, inputs, journal);
        var tape = new QuoteHistory();
        tape.Add("replay", "SPY", quotes.Where(q => q.InstrumentId == "SPY" && q.Sequence != 12));
        tape.Add("replay", "AAPL", quotes.Where(q => q.InstrumentId == "AAPL"));

        var report = ScenarioReplayer.Replay(new ScenarioRunner(Engine(spec, strategy())), inputs, tape, journal);

        Assert.False(report.Identical);
        Assert.Contains("the store has", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_run_of_one_stream_in_a_delivered_batch_is_one_input()
    {
        var runner = new ScenarioRunner(Engine(Spec(instruments: ["SPY", "AAPL"]), new ScriptedStrategy()));
        var inputs = new List<ScenarioInput>();
        Quote[] batch = [Q("SPY", 100m, 100.02m, 1), Q("SPY", 100m, 100.02m, 2), Q("AAPL", 200m, 200.02m, 7), Q("SPY", 100m, 100.02m, 3)];

        runner.Process(batch, inputs, []);

        Assert.Equal(
            [(1L, "SPY", 1L, 2L, 2), (2L, "AAPL", 7L, 7L, 1), (3L, "SPY", 3L, 3L, 1)],
            inputs.Select(i => (i.InputSequence, i.InstrumentId, i.FirstSequence, i.LastSequence, i.QuoteCount)));
        Assert.All(inputs, i => Assert.Equal("replay", i.Source));
    }

    [Fact]
    public void A_delivery_that_continues_the_last_pending_input_extends_it_and_replays_identically()
    {
        var (quotes, strategy, spec) = JournalScenario();
        var live = new ScenarioRunner(Engine(spec, strategy()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        var handedOver = new List<ScenarioInput>();

        // One quote per delivery, as a feed at a low rate delivers them; the journal takes the pending inputs after the 10th.
        for (var i = 0; i < quotes.Length; i++)
        {
            live.Process(quotes.AsSpan(i, 1), inputs, journal);
            if (i == 9)
            {
                handedOver.AddRange(inputs);
                inputs.Clear();
            }
        }

        handedOver.AddRange(inputs);
        var runs = 1;
        for (var i = 1; i < quotes.Length; i++)
        {
            var continues = quotes[i].InstrumentId == quotes[i - 1].InstrumentId && quotes[i].Sequence == quotes[i - 1].Sequence + 1 && i != 10;
            runs += continues ? 0 : 1;
        }

        Assert.InRange(runs, 1, quotes.Length - 1);
        Assert.Equal(runs, handedOver.Count(i => i.Kind == InputKind.Quotes));
        Assert.Equal(quotes.Length, handedOver.Sum(i => i.QuoteCount));
        Assert.Equal(Enumerable.Range(1, handedOver.Count).Select(i => (long)i), handedOver.Select(i => i.InputSequence));
        var tape = new QuoteHistory();
        tape.Add("replay", "SPY", quotes.Where(q => q.InstrumentId == "SPY"));
        tape.Add("replay", "AAPL", quotes.Where(q => q.InstrumentId == "AAPL"));
        var report = ScenarioReplayer.Replay(new ScenarioRunner(Engine(spec, strategy())), handedOver, tape, journal);
        Assert.True(report.Identical, report.Divergence?.ToString() ?? report.Error);
        Assert.Equal(journal.Count, report.DecisionsCompared);
    }

    [Fact]
    public void A_delivery_after_a_gap_in_the_streams_sequences_starts_a_new_input()
    {
        var runner = new ScenarioRunner(Engine(Spec(), new ScriptedStrategy()));
        var inputs = new List<ScenarioInput>();

        runner.Process([Q("SPY", 100m, 100.02m, 1)], inputs, []);
        runner.Process([Q("SPY", 100m, 100.02m, 2)], inputs, []);
        runner.Process([Q("SPY", 100m, 100.02m, 5)], inputs, []);

        Assert.Equal([(1L, 1L, 2L, 2), (2L, 5L, 5L, 1)], inputs.Select(i => (i.InputSequence, i.FirstSequence, i.LastSequence, i.QuoteCount)));
    }

    [Fact]
    public void Sequences_are_per_source_so_a_second_source_of_an_instrument_is_not_dropped_as_duplicates()
    {
        var strategy = BuyOneEveryQuote();
        var engine = Engine(Spec(), strategy);
        var fromReplay = Q("SPY", 100m, 100.02m, 5);
        var fromSaxo = fromReplay with { Source = "saxo", Sequence = 3 };

        Assert.True(engine.TryProcess(fromReplay, out _));
        Assert.True(engine.TryProcess(fromSaxo, out _));
        Assert.False(engine.TryProcess(fromSaxo, out _));

        Assert.Equal((5L, 3L, 1L), (engine.LastSequence("SPY", "replay"), engine.LastSequence("SPY", "saxo"), engine.DuplicateQuotes));
        var restored = ScenarioEngine.Restore(Spec(), Lookup, BuyOneEveryQuote(), engine.Snapshot());
        Assert.False(restored.TryProcess(fromSaxo, out _));
        Assert.True(restored.TryProcess(fromSaxo with { Sequence = 4 }, out _));
    }

    [Fact]
    public void A_strategy_that_throws_halts_its_scenario_with_the_exception_as_the_reason_and_keeps_its_fills()
    {
        var strategy = new ScriptedStrategy((q, c) =>
        {
            if (q.Sequence == 2)
            {
                c.Submit(OrderSide.Buy, "SPY", 10);
                throw new InvalidOperationException("indicator went NaN");
            }
        });
        var engine = Engine(Spec(), strategy);
        Assert.False(engine.TryProcess(Q("SPY", 100m, 100.02m, 1), out _));

        Assert.True(engine.TryProcess(Q("SPY", 100m, 100.02m, 2), out var decision));

        Assert.Equal(ScenarioStatus.Halted, decision!.StatusAfter);
        Assert.Equal("strategy fault: InvalidOperationException: indicator went NaN", decision.HaltReason);
        Assert.Empty(decision.Intents);
        Assert.Equal(0, engine.GetPosition("SPY").Quantity);
        Assert.False(engine.TryProcess(Q("SPY", 100m, 100.02m, 3), out _));
    }

    [Fact]
    public void Commands_are_inputs_that_a_replay_applies_at_the_same_point()
    {
        var spec = Spec();
        var live = new ScenarioRunner(Engine(spec, BuyOneEveryQuote()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        live.Process([Q("SPY", 100m, 100.02m, 1)], inputs, journal);
        Assert.True(live.Command(ScenarioCommand.Pause, null, T0, inputs, journal));
        Assert.False(live.Command(ScenarioCommand.Pause, null, T0, inputs, journal));
        live.Process([Q("SPY", 100m, 100.02m, 2)], inputs, journal);
        Assert.True(live.Command(ScenarioCommand.Halt, "operator halt", T0, inputs, journal));
        live.Process([Q("SPY", 100m, 100.02m, 3)], inputs, journal);
        var tape = new QuoteHistory();
        tape.Add("replay", "SPY", [Q("SPY", 100m, 100.02m, 1), Q("SPY", 100m, 100.02m, 2), Q("SPY", 100m, 100.02m, 3)]);

        var replayed = new ScenarioRunner(Engine(spec, BuyOneEveryQuote()));
        var report = ScenarioReplayer.Replay(replayed, inputs, tape, journal);

        Assert.Equal(5, inputs.Count);
        Assert.True(report.Identical, report.Divergence?.ToString() ?? report.Error);
        Assert.Equal(3, report.DecisionsCompared);
        Assert.Equal((ScenarioStatus.Halted, "operator halt"), (replayed.Engine.Status, replayed.Engine.HaltReason));
        Assert.Equal(1, replayed.Engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Quotes_outside_regular_hours_are_marked_but_not_traded_unless_the_spec_allows_extended_hours()
    {
        var preMarket = UnixTime.FromUtc(2025, 6, 2, 12, 0); // 08:00 New York
        var regular = new ScenarioRunner(Engine(Spec(), BuyOneEveryQuote()));
        var extended = new ScenarioRunner(Engine(Spec() with { ExtendedHours = true }, BuyOneEveryQuote()));

        Assert.False(regular.Engine.TryProcess(Q("SPY", 100m, 100.02m, 1, preMarket), out _));
        Assert.True(extended.Engine.TryProcess(Q("SPY", 100m, 100.02m, 1, preMarket), out _));

        Assert.Equal((1L, 0L), (regular.Engine.OutOfSessionQuotes, regular.Engine.GetPosition("SPY").Quantity));
        Assert.Equal(100.01m, regular.Engine.Marks["SPY"]);
        Assert.Equal(1, extended.Engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Day_orders_expire_when_the_exchange_session_rolls_not_at_utc_midnight()
    {
        var strategy = new OrdersAtSequence((1, OrderSide.Buy, 10, OrderType.Limit, 90m, TimeInForce.Day));
        var engine = Engine(Spec(), strategy);
        var lateSession = UnixTime.FromUtc(2025, 6, 2, 19, 0);      // 15:00 New York, Monday
        var afterUtcMidnight = UnixTime.FromUtc(2025, 6, 3, 0, 30); // 20:30 New York, still Monday (post-market)
        var tuesdayOpen = UnixTime.FromUtc(2025, 6, 3, 13, 31);     // 09:31 New York, Tuesday

        engine.TryProcess(Q("SPY", 100m, 100.02m, 1, lateSession), out _);
        Assert.False(new ScenarioRunner(engine).Engine.TryProcess(Q("SPY", 100m, 100.02m, 2, afterUtcMidnight), out _));
        Assert.Single(engine.OpenOrders);
        Assert.True(engine.TryProcess(Q("SPY", 100m, 100.02m, 3, tuesdayOpen), out var expired));

        Assert.Equal("day order expired", expired!.Cancellations.Single().Reason);
        Assert.Empty(engine.OpenOrders);
    }

    /// <summary>
    /// Two instruments, market and resting limit orders (one filled after the snapshot, one still
    /// resting at the end), an IOC cancel and a risk rejection; every instrument's last quote trades
    /// so its mark and sequence are journaled.
    /// </summary>
    private static (Quote[] Quotes, Func<IStrategy> Strategy, ScenarioSpec Spec) JournalScenario()
    {
        var spec = Spec(limits: GenerousLimits with { MaxPositionUnits = 1000 }, commission: CommissionSchedule.Default, slippage: SlippageModel.Default, instruments: ["SPY", "AAPL"]);
        IStrategy Strategy() => new OrdersAtSequence(
            (1, OrderSide.Buy, 100, OrderType.Market, null, TimeInForce.Day),
            (3, OrderSide.Buy, 50, OrderType.Limit, 99.50m, TimeInForce.Gtc),       // fills at #12, after the snapshot
            (101, OrderSide.Sell, 20, OrderType.Market, null, TimeInForce.Day),
            (104, OrderSide.Buy, 10, OrderType.Limit, 150m, TimeInForce.Gtc),       // still resting at the end
            (11, OrderSide.Buy, 5000, OrderType.Market, null, TimeInForce.Day),     // rejected: max position
            (11, OrderSide.Buy, 10, OrderType.Limit, 90m, TimeInForce.Ioc),         // cancelled
            (13, OrderSide.Sell, 70, OrderType.Market, null, TimeInForce.Day),
            (106, OrderSide.Buy, 40, OrderType.Market, null, TimeInForce.Day),
            (14, OrderSide.Sell, 200, OrderType.Market, null, TimeInForce.Day));
        Quote[] quotes =
        [
            Q("SPY", 100.00m, 100.02m, 1), Q("AAPL", 200.00m, 200.04m, 101), Q("SPY", 100.10m, 100.12m, 3),
            Q("AAPL", 201.00m, 201.04m, 102), Q("SPY", 99.90m, 99.92m, 4), Q("AAPL", 200.50m, 200.54m, 103),
            Q("SPY", 99.80m, 99.82m, 5), Q("AAPL", 199.50m, 199.54m, 104), Q("SPY", 99.70m, 99.72m, 6),
            Q("SPY", 99.60m, 99.62m, 11), Q("AAPL", 199.00m, 199.04m, 105), Q("SPY", 99.40m, 99.48m, 12),
            Q("SPY", 99.45m, 99.47m, 13), Q("AAPL", 198.00m, 198.04m, 106), Q("SPY", 99.55m, 99.57m, 14),
        ];
        return (quotes, Strategy, spec);
    }
}
