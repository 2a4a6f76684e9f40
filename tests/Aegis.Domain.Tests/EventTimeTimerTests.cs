using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Strategies;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class EventTimeTimerTests
{
    /// <summary>Records its ticks; buys on the second one, so a tick can make a decision.</summary>
    private sealed class TickCounter : IStrategy
    {
        public List<long> Ticks { get; } = [];

        public string Name => "ticks";

        public void OnQuote(in Quote quote, IStrategyContext context)
        {
        }

        public void OnTimer(long nowUnixNs, IStrategyContext context)
        {
            Ticks.Add(nowUnixNs);
            if (Ticks.Count == 2)
            {
                context.Submit(OrderSide.Buy, "SPY", 10);
            }
        }

        public void OnFill(Fill fill, IStrategyContext context)
        {
        }

        public string SaveState() => "{}";

        public void RestoreState(string state)
        {
        }
    }

    private static Quote At(long seconds, long sequence) => Q("SPY", 100m, 100.01m, sequence, T0 + Seconds(seconds));

    [Fact]
    public void Ticks_fire_on_whole_minutes_of_event_time_before_the_first_quote_past_them_are_logged_and_replay_identically()
    {
        var strategy = new TickCounter();
        var runner = new ScenarioRunner(Engine(Spec(), strategy));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        // T0 is on a whole minute. Quotes at +10 s, +50 s | +61 s, +62 s | +250 s (minutes 2 and 3 had no quote).
        Quote[] quotes = [At(10, 1), At(50, 2), At(61, 3), At(62, 4), At(250, 5)];
        runner.Process(quotes.AsSpan(0, 3), inputs, journal);
        runner.Process(quotes.AsSpan(3), inputs, journal);

        Assert.Equal([T0 + Seconds(60), T0 + Seconds(240)], strategy.Ticks);
        // The quotes at +61 s and +62 s came in two deliveries but continue one stream: one input.
        Assert.Equal([InputKind.Quotes, InputKind.Timer, InputKind.Quotes, InputKind.Timer, InputKind.Quotes],
            inputs.Select(i => i.Kind));
        var tickDecision = Assert.Single(journal, d => d.Decision.Fills.Count > 0);
        Assert.Equal(InputKind.Timer, inputs[(int)tickDecision.InputSequence - 1].Kind);

        var tape = new QuoteHistory();
        tape.Add("replay", "SPY", quotes);
        var replayed = new TickCounter();
        var report = ScenarioReplayer.Replay(new ScenarioRunner(Engine(Spec(), replayed)), inputs, tape, journal);
        Assert.True(report.Identical, report.Divergence?.ToString() ?? report.Error);
        Assert.Equal(strategy.Ticks, replayed.Ticks);
    }

    [Fact]
    public void A_paused_scenario_logs_no_ticks_and_a_restored_one_goes_on_from_its_last_quote_time()
    {
        var strategy = new TickCounter();
        var runner = new ScenarioRunner(Engine(Spec(), strategy));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        runner.Process([At(10, 1)], inputs, journal);
        Assert.True(runner.Command(Scenarios.ScenarioCommand.Pause, null, T0, inputs, journal));
        runner.Process([At(70, 2)], inputs, journal);
        Assert.Empty(strategy.Ticks);
        Assert.DoesNotContain(inputs, i => i.Kind == InputKind.Timer);

        var restoredStrategy = new TickCounter();
        var restored = new ScenarioRunner(Scenarios.ScenarioEngine.Restore(Spec(), Lookup, restoredStrategy, runner.Engine.Snapshot()), runner.InputSequence, runner.DecisionSequence);
        restored.Process([At(100, 3)], inputs, journal);
        Assert.Empty(restoredStrategy.Ticks);
        Assert.True(restored.Command(Scenarios.ScenarioCommand.Resume, null, T0, inputs, journal));
        restored.Process([At(125, 4)], inputs, journal);
        Assert.Equal([T0 + Seconds(120)], restoredStrategy.Ticks);
    }
}
