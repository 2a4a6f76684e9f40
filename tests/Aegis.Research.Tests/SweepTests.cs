using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;
using Aegis.Research.Overfitting;
using Aegis.Research.Sweeps;

namespace Aegis.Research.Tests;

public sealed class SweepTests
{
    [Fact]
    public void A_grid_is_every_combination_in_a_fixed_order_with_numbered_trial_ids()
    {
        var trials = ParameterGrid.Expand(Market.Crossover("base"), [("fast", ["3", "5"]), ("slow", ["20", "30", "40"])]);

        Assert.Equal(6, trials.Count);
        Assert.Equal(["base-t0000", "base-t0001", "base-t0005"], new[] { trials[0].Id, trials[1].Id, trials[5].Id });
        Assert.Equal(("3", "30"), (trials[1].Parameters["fast"], trials[1].Parameters["slow"]));
        Assert.Equal(("5", "40"), (trials[5].Parameters["fast"], trials[5].Parameters["slow"]));
        Assert.All(trials, t => Assert.Equal("100", t.Parameters["quantity"]));
    }

    [Fact]
    public void Random_search_draws_within_the_ranges_and_a_seed_repeats_it()
    {
        ParameterRange[] ranges = [new("fast", 2, 9), new("slow", 20, 60)];
        var first = ParameterGrid.Random(Market.Crossover(), ranges, 50, seed: 3);
        var again = ParameterGrid.Random(Market.Crossover(), ranges, 50, seed: 3);

        Assert.Equal(first.Select(t => t.Parameters["fast"] + "/" + t.Parameters["slow"]), again.Select(t => t.Parameters["fast"] + "/" + t.Parameters["slow"]));
        Assert.All(first, t => Assert.InRange(int.Parse(t.Parameters["fast"], System.Globalization.CultureInfo.InvariantCulture), 2, 9));
        Assert.All(first, t => Assert.InRange(int.Parse(t.Parameters["slow"], System.Globalization.CultureInfo.InvariantCulture), 20, 60));
        Assert.True(first.Select(t => t.Parameters["fast"]).Distinct().Count() > 3);
    }

    [Fact]
    public void A_sweep_gives_each_trial_what_running_it_alone_gives_whatever_the_parallelism()
    {
        var day = new MarketDay([Market.Walk("SPY", 4_000, 11)]);
        var trials = ParameterGrid.Expand(Market.Crossover(), [("fast", ["3", "5", "8"]), ("slow", ["15", "25"])]);

        var parallel = Sweep.Run(day, trials, StrategyCatalog.Reference, Market.Lookup);
        var serial = Sweep.Run(day, trials, StrategyCatalog.Reference, Market.Lookup, maxParallelism: 1);

        for (var i = 0; i < trials.Count; i++)
        {
            var alone = BacktestEngine.Run(trials[i], StrategyCatalog.Reference, Market.Lookup, day.Merged(["SPY"]));
            Assert.Equal(trials[i].Id, parallel[i].ScenarioId);
            Assert.Equal(alone.Equity, parallel[i].Equity);
            Assert.Equal(alone.Equity, serial[i].Equity);
            Assert.Equal(alone.Summary, parallel[i].Summary);
        }

        Assert.True(parallel.Select(r => r.Summary.TotalReturn).Distinct().Count() > 1, "different parameters should give different results");
    }

    [Fact]
    public void A_trial_whose_parameters_do_not_build_is_refused_by_name_before_anything_runs()
    {
        var trials = ParameterGrid.Expand(Market.Crossover(), [("fast", ["5", "zero"])]);
        var error = Assert.Throws<ArgumentException>(() => Sweep.Run(new MarketDay([Market.Walk("SPY", 10, 1)]), trials, StrategyCatalog.Reference, Market.Lookup));
        Assert.StartsWith("trial cross-t0001:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweeps_return_matrix_aligns_the_trials_periods_and_feeds_cscv()
    {
        var day = new MarketDay([Market.Walk("SPY", 7_200, 12)]);
        var trials = ParameterGrid.Expand(Market.Crossover(), [("fast", ["2", "3", "5", "8"]), ("slow", ["12", "20", "30"])]);
        var results = Sweep.Run(day, trials, StrategyCatalog.Reference, Market.Lookup);

        var matrix = SweepReturns.ToMatrix(results, trials.Select(t => t.StartingCash).ToList());

        Assert.Equal((120, 12), (matrix.Periods, matrix.Trials));
        Assert.Equal(trials.Select(t => t.Id), matrix.TrialNames);
        var compounded = Enumerable.Range(0, matrix.Periods).Aggregate(1.0, (acc, t) => acc * (1 + matrix[t, 3]));
        Assert.Equal(1 + results[3].Summary.TotalReturn, compounded, 9);
        var cscv = Cscv.Analyze(matrix, 8, CscvMetric.Mean);
        Assert.Equal(70, cscv.Combinations.Count);
        Assert.InRange(cscv.Pbo, 0, 1);
    }
}
