using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;
using Aegis.Research.Statistics;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Research.Tests;

public sealed class WalkForwardAnalysisTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void Windows_align_on_whole_periods_and_their_tests_tile_time()
    {
        var windows = WalkForwardWindow.Over(Market.Open + 7, Market.Open + (59 * Minute), 10 * Minute, trainPeriods: 2, testPeriods: 1, WalkForwardMode.Rolling);

        Assert.Equal(4, windows.Count); // six periods of ten minutes: train two, test each of the last four
        Assert.Equal(Market.Open, windows[0].TrainStartUnixNs);
        Assert.Equal(Market.Open + (20 * Minute), windows[0].TestStartUnixNs);
        Assert.All(windows.Zip(windows.Skip(1)), p => Assert.Equal(p.First.TestEndUnixNs, p.Second.TestStartUnixNs));
        Assert.All(windows, w => Assert.Equal(w.TestStartUnixNs, w.TrainEndUnixNs));
        Assert.Equal(Market.Open + (60 * Minute), windows[^1].TestEndUnixNs);
        var anchored = WalkForwardWindow.Over(Market.Open, Market.Open + (59 * Minute), 10 * Minute, 2, 1, WalkForwardMode.Anchored);
        Assert.All(anchored, w => Assert.Equal(Market.Open, w.TrainStartUnixNs));
    }

    [Fact]
    public void A_fold_chooses_the_trial_with_the_best_in_sample_sharpe_and_runs_it_out_of_sample()
    {
        var day = new MarketDay([Market.Walk("SPY", 7_200, 3)]); // two hours, a quote a second
        var quotes = day.Merged(["SPY"]);
        var trials = ParameterGrid.Expand(Market.Crossover(), [("fast", ["3", "5", "8"]), ("slow", ["20", "40"])]);
        var window = WalkForwardWindow.Over(quotes[0].ExchangeTimeUnixNs, quotes[^1].ExchangeTimeUnixNs, 30 * Minute, 2, 1, WalkForwardMode.Rolling)[0];

        var fold = WalkForwardAnalysis.RunFold(quotes, window, trials, StrategyCatalog.Reference, Market.Lookup);

        // Independently: each trial over the training quotes, picked by Sharpe; the pick over the test quotes.
        var train = quotes.Where(q => q.ExchangeTimeUnixNs >= window.TrainStartUnixNs && q.ExchangeTimeUnixNs < window.TrainEndUnixNs).ToArray();
        var sharpes = trials.Select(t => BacktestEngine.Run(t, StrategyCatalog.Reference, Market.Lookup, train).Summary.Sharpe ?? double.NegativeInfinity).ToList();
        Assert.Equal(sharpes.IndexOf(sharpes.Max()), fold.ChosenTrial);
        Assert.Equal(trials[fold.ChosenTrial].Parameters, fold.Parameters);
        var test = quotes.Where(q => q.ExchangeTimeUnixNs >= window.TestStartUnixNs && q.ExchangeTimeUnixNs < window.TestEndUnixNs).ToArray();
        var expected = BacktestEngine.Run(trials[fold.ChosenTrial], StrategyCatalog.Reference, Market.Lookup, test);
        Assert.Equal(expected.Equity, fold.TestEquity);
        Assert.Equal(30, fold.TestEquity.Count);
        Assert.True(sharpes.Distinct().Count() > 1, "the trials should differ in sample, or the choice proves nothing");
    }

    [Fact]
    public void Test_curves_stitch_by_compounding_and_efficiency_compares_out_of_sample_with_in_sample()
    {
        var up = Fold(0, 100_000m, [105_000m, 110_000m], inSampleReturn: 0.2, periods: 4);
        var down = Fold(1, 100_000m, [95_000m, 90_000m], inSampleReturn: 0.1, periods: 4);

        var result = WalkForwardAnalysis.Stitch([down, up], _ => 1m, 252 * 390);

        Assert.Equal([105_000m, 110_000m, 104_500m, 99_000m], result.OutOfSampleEquity.Select(p => p.Equity));
        Assert.Equal(-0.01, result.OutOfSample.TotalReturn, 12);
        Assert.Equal(4, result.OutOfSample.Periods);
        Assert.Equal(-0.01 / 4 / ((0.2 / 4 + 0.1 / 4) / 2), result.Efficiency!.Value, 12);
        Assert.Null(WalkForwardAnalysis.Stitch([Fold(0, 100_000m, [99_000m], inSampleReturn: -0.1, periods: 2)], _ => 1m, 1).Efficiency);
    }

    private static WalkForwardFoldResult Fold(int index, decimal cash, decimal[] equity, double inSampleReturn, int periods) =>
        new(new WalkForwardWindow(index, 0, 0, (index * 2 + 1) * Minute, (index * 2 + 3) * Minute), 0, "t0", new Dictionary<string, string>(), cash,
            new PerformanceSummary(inSampleReturn, 1, 1, 0, 0, 0, 1, periods), new PerformanceSummary(0, null, null, 0, 0, 0, 0, equity.Length),
            equity.Select((e, i) => new EquityPoint((index * 2 + i + 2) * Minute, e, 0m)).ToList(), []);
}
