using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Statistics;

namespace Aegis.Research.Backtests;

/// <summary>
/// Runs one scenario spec over quotes already merged in exchange-time order, through the live lane's own path: the
/// domain's <see cref="ScenarioRunner"/> (strategy timers included) on a <see cref="ScenarioEngine"/> with the same
/// strategies, booking and paper fill model. A scenario of several instruments takes them as the live lane takes
/// merged feeds, so the decisions are those the live lane makes on the same quotes.
/// </summary>
public static class BacktestEngine
{
    public static BacktestResult Run(ScenarioSpec spec, StrategyCatalog strategies, Func<string, Instrument?> instruments, ReadOnlySpan<Quote> quotes,
        BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Run(spec, strategies, instruments, new PreparedQuotes(quotes.ToArray(), spec.Instruments, spec.ExtendedHours), options);
    }

    /// <summary>As the overload on a span, reading <paramref name="quotes"/> in place (they must not change while it runs).</summary>
    public static BacktestResult Run(ScenarioSpec spec, StrategyCatalog strategies, Func<string, Instrument?> instruments, Quote[] quotes,
        BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(quotes);
        return Run(spec, strategies, instruments, new PreparedQuotes(quotes, spec.Instruments, spec.ExtendedHours), options);
    }

    /// <summary>Runs over quotes prepared for the spec's instruments and session rule (shared by every parameter set of a sweep).</summary>
    public static BacktestResult Run(ScenarioSpec spec, StrategyCatalog strategies, Func<string, Instrument?> instruments, PreparedQuotes prepared,
        BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(prepared);
        options ??= new BacktestOptions();
        var engine = new ScenarioEngine(spec, instruments, strategies.CreateFor(spec));
        if (options.PassQuietQuotes)
        {
            engine.Bind(prepared);
        }

        var runner = new ScenarioRunner(engine);
        var inputs = new List<ScenarioInput>();
        var decisions = new List<RecordedDecision>();
        var kept = new List<RecordedDecision>();
        var trades = new List<Fill>();
        var equity = new List<EquityPoint>();
        var merged = spec.Instruments.Count > 1;
        var quotes = prepared.Quotes;
        long decisionCount = 0;
        for (var start = 0; start < quotes.Length;)
        {
            // One period at a time, so that the book can be sampled at its end (exchange times are after 1970: positive).
            var periodEnd = (quotes[start].ExchangeTimeUnixNs / options.PeriodUnixNs + 1) * options.PeriodUnixNs;
            var end = start + 1;
            while (end < quotes.Length && quotes[end].ExchangeTimeUnixNs < periodEnd)
            {
                end++;
            }

            switch (merged, options.PassQuietQuotes)
            {
                case (true, true):
                    runner.ProcessMergedPrepared(start, end, inputs, decisions);
                    break;
                case (false, true):
                    runner.ProcessPrepared(start, end, inputs, decisions);
                    break;
                case (true, false):
                    runner.ProcessMerged(quotes.AsSpan(start, end - start), inputs, decisions);
                    break;
                default:
                    runner.Process(quotes.AsSpan(start, end - start), inputs, decisions);
                    break;
            }

            foreach (var made in decisions)
            {
                trades.AddRange(made.Decision.Fills);
            }

            decisionCount += decisions.Count;
            if (options.KeepDecisions)
            {
                kept.AddRange(decisions);
            }

            inputs.Clear();
            decisions.Clear();
            equity.Add(new EquityPoint(periodEnd, engine.Equity, engine.GrossExposure));
            start = end;
        }

        var summary = PerformanceSummary.From(spec.StartingCash, equity, trades, id => instruments(id)?.Multiplier ?? 1m, options.PeriodsPerYear);
        return new BacktestResult(spec.Id, spec.Parameters, trades, equity, summary, runner.QuotesProcessed, decisionCount, engine.Status, engine.HaltReason, kept);
    }
}
