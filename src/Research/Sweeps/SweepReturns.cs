using Aegis.Research.Backtests;
using Aegis.Research.Overfitting;
using Aegis.Research.Statistics;

namespace Aegis.Research.Sweeps;

/// <summary>
/// A sweep's trials as the return matrix CSCV and the Deflated Sharpe ratio take: one column per trial, one row per
/// period of the union of the trials' equity curves, each curve carried forward over periods it did not sample (a
/// period without a quote of its instruments leaves its book unchanged).
/// </summary>
public static class SweepReturns
{
    public static ReturnMatrix ToMatrix(IReadOnlyList<BacktestResult> results, IReadOnlyList<decimal> startingCash)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(startingCash);
        return ToMatrix(results.Select((r, n) => new TrialCurve(r.ScenarioId, startingCash[n], r.Equity)).ToList());
    }

    public static ReturnMatrix ToMatrix(IReadOnlyList<TrialCurve> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var times = trials.SelectMany(r => r.Equity.Select(p => p.TimeUnixNs)).Distinct().Order().ToArray();
        var columns = new List<double[]>();
        foreach (var trial in trials)
        {
            var aligned = new List<EquityPoint>(times.Length);
            var curve = trial.Equity;
            var at = 0;
            var last = new EquityPoint(0, trial.StartingCash, 0);
            foreach (var time in times)
            {
                while (at < curve.Count && curve[at].TimeUnixNs <= time)
                {
                    last = curve[at++];
                }

                aligned.Add(last with { TimeUnixNs = time });
            }

            columns.Add(PerformanceSummary.Returns(trial.StartingCash, aligned));
        }

        return ReturnMatrix.FromColumns(columns, trials.Select(r => r.Id).ToList());
    }
}

/// <summary>One trial's equity curve and the cash it started from.</summary>
public sealed record TrialCurve(string Id, decimal StartingCash, IReadOnlyList<EquityPoint> Equity);
