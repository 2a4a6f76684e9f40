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
        var times = results.SelectMany(r => r.Equity.Select(p => p.TimeUnixNs)).Distinct().Order().ToArray();
        var columns = new List<double[]>();
        for (var n = 0; n < results.Count; n++)
        {
            var aligned = new List<EquityPoint>(times.Length);
            var curve = results[n].Equity;
            var at = 0;
            var last = new EquityPoint(0, startingCash[n], 0);
            foreach (var time in times)
            {
                while (at < curve.Count && curve[at].TimeUnixNs <= time)
                {
                    last = curve[at++];
                }

                aligned.Add(last with { TimeUnixNs = time });
            }

            columns.Add(PerformanceSummary.Returns(startingCash[n], aligned));
        }

        return ReturnMatrix.FromColumns(columns, results.Select(r => r.ScenarioId).ToList());
    }
}
