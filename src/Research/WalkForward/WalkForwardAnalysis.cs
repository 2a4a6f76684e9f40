using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;
using Aegis.Research.Statistics;

namespace Aegis.Research.WalkForward;

/// <summary>
/// Walk-forward analysis: per fold, every trial runs over the training window and the one with the best annualised
/// Sharpe ratio (ties: the lower index) runs over the test window; the test windows' equity curves, which tile time
/// without overlap, are stitched into one out-of-sample curve. Each window starts flat with the trial's starting cash,
/// as a fresh deployment of the chosen parameters would.
/// </summary>
public static class WalkForwardAnalysis
{
    /// <summary>One fold over <paramref name="quotes"/> (merged in exchange-time order, as <see cref="MarketDay.Merged"/> gives them).</summary>
    public static WalkForwardFoldResult RunFold(ReadOnlySpan<Quote> quotes, WalkForwardWindow window, IReadOnlyList<ScenarioSpec> trials,
        StrategyCatalog strategies, Func<string, Instrument?> instruments, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0)
        {
            throw new ArgumentException("a walk-forward fold needs at least one trial", nameof(trials));
        }

        var train = Slice(quotes, window.TrainStartUnixNs, window.TrainEndUnixNs).ToArray();
        var inSample = new BacktestResult[trials.Count];
        // Prepared once for every trial that trades the same instruments under the same session rule.
        var prepared = trials.Select(Rule).Distinct().ToDictionary(r => r, r => new PreparedQuotes(train, r.Instruments.Split('\n'), r.ExtendedHours));
        Parallel.For(0, trials.Count, i => inSample[i] = BacktestEngine.Run(trials[i], strategies, instruments, prepared[Rule(trials[i])], options));
        var chosen = 0;
        for (var i = 1; i < trials.Count; i++)
        {
            if ((inSample[i].Summary.Sharpe ?? double.NegativeInfinity) > (inSample[chosen].Summary.Sharpe ?? double.NegativeInfinity))
            {
                chosen = i;
            }
        }

        var test = BacktestEngine.Run(trials[chosen], strategies, instruments, Slice(quotes, window.TestStartUnixNs, window.TestEndUnixNs), options);
        return new WalkForwardFoldResult(window, chosen, trials[chosen].Id, trials[chosen].Parameters, trials[chosen].StartingCash, inSample[chosen].Summary,
            test.Summary, test.Equity, test.Trades);
    }

    private static (string Instruments, bool ExtendedHours) Rule(ScenarioSpec trial) => (string.Join('\n', trial.Instruments), trial.ExtendedHours);

    /// <summary>The folds' test curves stitched in fold order: each one rescaled to start at the equity the previous one ended at.</summary>
    public static WalkForwardResult Stitch(IReadOnlyList<WalkForwardFoldResult> folds, Func<string, decimal> multiplier, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("nothing to stitch: no folds", nameof(folds));
        }

        var ordered = folds.OrderBy(f => f.Window.Fold).ToList();
        var startingCash = ordered[0].StartingCash;
        var stitched = new List<EquityPoint>();
        var level = startingCash;
        foreach (var fold in ordered)
        {
            var scale = level / fold.StartingCash;
            foreach (var point in fold.TestEquity)
            {
                stitched.Add(new EquityPoint(point.TimeUnixNs, point.Equity * scale, point.GrossExposure * scale));
            }

            if (fold.TestEquity.Count > 0)
            {
                level = fold.TestEquity[^1].Equity * scale;
            }
        }

        var trades = ordered.SelectMany(f => f.TestTrades).ToList();
        var outOfSample = PerformanceSummary.From(startingCash, stitched, trades, multiplier, periodsPerYear);
        var inSampleReturn = ordered.Average(f => f.InSample.Periods == 0 ? 0 : f.InSample.TotalReturn / f.InSample.Periods);
        var outOfSampleReturn = outOfSample.Periods == 0 ? 0 : outOfSample.TotalReturn / outOfSample.Periods;
        double? efficiency = inSampleReturn > 0 ? outOfSampleReturn / inSampleReturn : null;
        return new WalkForwardResult(ordered, stitched, outOfSample, efficiency);
    }

    /// <summary>The quotes with exchange times in [<paramref name="fromUnixNs"/>, <paramref name="toUnixNs"/>).</summary>
    public static ReadOnlySpan<Quote> Slice(ReadOnlySpan<Quote> quotes, long fromUnixNs, long toUnixNs)
    {
        var start = LowerBound(quotes, fromUnixNs);
        return quotes[start..Math.Max(start, LowerBound(quotes, toUnixNs))];
    }

    private static int LowerBound(ReadOnlySpan<Quote> quotes, long timeUnixNs)
    {
        int low = 0, high = quotes.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (quotes[mid].ExchangeTimeUnixNs < timeUnixNs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
