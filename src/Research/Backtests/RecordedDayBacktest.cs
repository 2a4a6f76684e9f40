using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Statistics;

namespace Aegis.Research.Backtests;

/// <summary>
/// A backtest of a recorded live day: the scenario's spec and its logged inputs, taken in the logged order (not
/// re-merged by <see cref="MarketDay"/>'s rule), through the same <see cref="ScenarioRunner"/> the live lane and its
/// replays use. Commands (create, pause, halt…) and strategy timers are inputs like quotes, so the run makes exactly
/// the decisions the live scenario made, which <see cref="JournalComparison"/> can then prove against its journal.
/// </summary>
public static class RecordedDayBacktest
{
    /// <summary>Runs <paramref name="spec"/> over <paramref name="inputs"/> (its input log from input 1, in order), the quotes from <paramref name="quotes"/>.</summary>
    /// <exception cref="InputLogException">The log has a gap, or a quote input's quotes are not all in <paramref name="quotes"/>.</exception>
    public static BacktestResult Run(ScenarioSpec spec, StrategyCatalog strategies, Func<string, Instrument?> instruments, IReadOnlyList<ScenarioInput> inputs,
        IInputQuotes quotes, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(quotes);
        options ??= new BacktestOptions();
        if (inputs.Count > 0 && inputs[0].InputSequence != 1)
        {
            throw new InputLogException($"a recorded day's backtest starts from the scenario's first input; this log starts at input {inputs[0].InputSequence}");
        }

        var engine = new ScenarioEngine(spec, instruments, strategies.CreateFor(spec));
        var runner = new ScenarioRunner(engine);
        var decisions = new List<RecordedDecision>();
        var trades = new List<Fill>();
        var equity = new List<EquityPoint>();
        var slice = new List<ScenarioInput>();
        long periodEnd = long.MinValue;
        for (var i = 0; i < inputs.Count;)
        {
            // The book is sampled at the end of every period with market inputs; commands carry wall-clock times, so
            // they never start a period. A merged group is taken whole.
            slice.Clear();
            var end = GroupEnd(inputs, i);
            var first = inputs[i];
            if (first.Kind != InputKind.Command && first.EventTimeUnixNs >= periodEnd)
            {
                if (periodEnd != long.MinValue)
                {
                    equity.Add(new EquityPoint(periodEnd, engine.Equity, engine.GrossExposure));
                }

                periodEnd = (first.EventTimeUnixNs / options.PeriodUnixNs + 1) * options.PeriodUnixNs;
            }

            for (var k = i; k < end; k++)
            {
                slice.Add(inputs[k]);
            }

            var before = decisions.Count;
            ScenarioReplayer.Follow(runner, slice, quotes, decisions);
            for (var d = before; d < decisions.Count; d++)
            {
                trades.AddRange(decisions[d].Decision.Fills);
            }

            i = end;
        }

        if (periodEnd != long.MinValue)
        {
            equity.Add(new EquityPoint(periodEnd, engine.Equity, engine.GrossExposure));
        }

        var summary = PerformanceSummary.From(spec.StartingCash, equity, trades, id => instruments(id)?.Multiplier ?? 1m, options.PeriodsPerYear);
        return new BacktestResult(spec.Id, spec.Parameters, trades, equity, summary, runner.QuotesProcessed, decisions.Count, engine.Status, engine.HaltReason,
            decisions);
    }

    private static int GroupEnd(IReadOnlyList<ScenarioInput> inputs, int index)
    {
        var group = inputs[index].MergedWith;
        var end = index + 1;
        while (group != 0 && end < inputs.Count && inputs[end].MergedWith == group)
        {
            end++;
        }

        return end;
    }
}
