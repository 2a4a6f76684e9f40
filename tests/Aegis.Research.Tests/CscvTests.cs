using Aegis.Research.Overfitting;

namespace Aegis.Research.Tests;

public sealed class CscvTests
{
    [Fact]
    public void Vector_C_by_mean_gives_pbo_four_sixths_with_the_reference_best_trials_ranks_lambdas_and_degradation()
    {
        var result = Cscv.Analyze(ReferenceVectors.C, 4, CscvMetric.Mean);

        Assert.Equal(new[] { 3, 2, 2, 3, 3, 2 }, result.Combinations.Select(c => c.BestTrial));
        Assert.Equal(new[] { 2.0, 2, 3, 3, 1, 1 }, result.Combinations.Select(c => c.OutOfSampleRank));
        Assert.Equal(new[] { -0.4055, -0.4055, 0.4055, 0.4055, -1.3863, -1.3863 }, result.Combinations.Select(c => Math.Round(c.Lambda, 4)));
        Assert.Equal(4.0 / 6, result.Pbo, 12);
        Assert.Equal(2.0 / 6, result.ProbabilityOfLoss, 12);
        Assert.Equal(-0.942085, result.DegradationSlope!.Value, 6);
        Assert.Equal(46.05, result.DegradationIntercept!.Value, 2);
        Assert.Equal(new[] { new[] { 0, 1 }, [0, 2], [0, 3], [1, 2], [1, 3], [2, 3] }, result.Combinations.Select(c => c.InSampleBlocks.ToArray()));
    }

    [Fact]
    public void Vector_C_by_sharpe_gives_pbo_five_sixths_and_the_reference_degradation()
    {
        var result = Cscv.Analyze(ReferenceVectors.C, 4, CscvMetric.Sharpe);

        Assert.Equal(new[] { 2.0, 2, 2, 3, 2, 1 }, result.Combinations.Select(c => c.OutOfSampleRank));
        Assert.Equal(5.0 / 6, result.Pbo, 12);
        Assert.Equal(2.0 / 6, result.ProbabilityOfLoss, 12);
        Assert.Equal(-0.243972, result.DegradationSlope!.Value, 6);
        Assert.Equal(0.3493, result.DegradationIntercept!.Value, 4);
    }

    [Fact]
    public void Vector_D_tells_rank_over_n_plus_one_from_rank_over_n()
    {
        var mean = Cscv.Analyze(ReferenceVectors.D, 4, CscvMetric.Mean);
        Assert.Equal(new[] { 1, 0, 1, 1, 1, 0 }, mean.Combinations.Select(c => c.BestTrial));
        Assert.Equal(new[] { 2.0, 1, 3, 3, 2, 1 }, mean.Combinations.Select(c => c.OutOfSampleRank));
        Assert.Equal(4.0 / 6, mean.Pbo, 12); // 2/6 under rank/N, where the two rank-3 cases give λ = +∞
        Assert.Equal(4.0 / 6, mean.ProbabilityOfLoss, 12);
        Assert.Equal(-0.029641, mean.DegradationSlope!.Value, 6);
        Assert.Equal(-16.00, mean.DegradationIntercept!.Value, 2);
        Assert.All(mean.Combinations, c => Assert.True(double.IsFinite(c.Lambda)));

        Assert.Equal(4.0 / 6, Cscv.Analyze(ReferenceVectors.D, 4, CscvMetric.Sharpe).Pbo, 12);
    }

    [Fact]
    public void A_trial_that_beats_the_previous_one_in_every_block_gives_pbo_zero_and_lambda_ln_n_everywhere()
    {
        const int Trials = 7;
        var random = new Random(11);
        var common = Enumerable.Range(0, 160).Select(_ => random.NextDouble() - 0.5).ToArray();
        var matrix = ReturnMatrix.FromColumns(Enumerable.Range(0, Trials)
            .Select(n => common.Select((x, t) => x + n * 0.01 + 0.001 * Math.Sin(t * n)).ToArray()).ToList());

        var result = Cscv.Analyze(matrix, 8, CscvMetric.Mean);

        Assert.Equal(70, result.Combinations.Count);
        Assert.Equal(0, result.Pbo);
        Assert.All(result.Combinations, c => Assert.Equal(Math.Log(Trials), c.Lambda, 12));
        Assert.All(result.Combinations, c => Assert.Equal(Trials - 1, c.BestTrial));
        Assert.True(result.StochasticDominance.DominatesFirstOrder);
        Assert.True(result.StochasticDominance.DominatesSecondOrder);
    }

    [Fact]
    public void Columns_centred_on_their_full_sample_mean_are_anti_persistent_pbo_one_and_lambda_ln_one_over_n()
    {
        const int Trials = 6;
        var random = new Random(5);
        var columns = Enumerable.Range(0, Trials).Select(_ => Enumerable.Range(0, 96).Select(_ => random.NextDouble() - 0.5).ToArray())
            .Select(c => c.Select(x => x - c.Average()).ToArray()).ToList();

        var result = Cscv.Analyze(ReturnMatrix.FromColumns(columns), 6, CscvMetric.Mean);

        Assert.Equal(1, result.Pbo);
        Assert.All(result.Combinations, c => Assert.Equal(Math.Log(1.0 / Trials), c.Lambda, 9));
        Assert.All(result.Combinations, c => Assert.Equal(-c.InSample, c.OutOfSample, 12));
        Assert.False(result.StochasticDominance.DominatesFirstOrder);
    }

    [Fact]
    public void Pure_noise_averages_a_pbo_near_one_half()
    {
        var pbos = Enumerable.Range(0, 24).Select(seed =>
        {
            var random = new Random(seed);
            var values = Enumerable.Range(0, 400 * 10).Select(_ => Gaussian(random)).ToArray();
            return Cscv.Analyze(new ReturnMatrix(400, 10, values), 8, CscvMetric.Sharpe).Pbo;
        }).ToList();

        Assert.InRange(pbos.Average(), 0.4, 0.6);
    }

    [Theory]
    [InlineData(1, 16, 5, 4, CscvMetric.Sharpe)]
    [InlineData(2, 50, 7, 6, CscvMetric.Mean)]
    [InlineData(3, 83, 12, 8, CscvMetric.Sharpe)] // 83 mod 8 = 3 periods dropped
    [InlineData(4, 130, 25, 10, CscvMetric.Mean)]
    [InlineData(5, 61, 9, 2, CscvMetric.Sharpe)]
    public void Matches_a_direct_implementation_that_concatenates_the_blocks_to_one_part_in_a_billion(int seed, int periods, int trials, int splits, CscvMetric metric)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, periods * trials).Select(_ => 0.01 * Gaussian(random) + 0.002 * random.NextDouble()).ToArray();
        var matrix = new ReturnMatrix(periods, trials, values);

        var fast = Cscv.Analyze(matrix, splits, metric);
        var direct = DirectCscv.Analyze(matrix, splits, metric);

        Assert.Equal(periods % splits, fast.RowsDropped);
        Assert.Equal(direct.Best, fast.Combinations.Select(c => c.BestTrial));
        Assert.Equal(direct.Lambdas.Length, fast.Combinations.Count);
        for (var c = 0; c < direct.Lambdas.Length; c++)
        {
            Assert.Equal(direct.Lambdas[c], fast.Combinations[c].Lambda, 1e-9);
        }

        Assert.Equal(direct.Pbo, fast.Pbo, 1e-9);
        Assert.Equal(direct.ProbabilityOfLoss, fast.ProbabilityOfLoss, 1e-9);
        Assert.Equal(direct.Slope, fast.DegradationSlope!.Value, 1e-9);
        Assert.Equal(direct.Intercept, fast.DegradationIntercept!.Value, 1e-9);
    }

    [Fact]
    public void The_stochastic_dominance_curves_are_cumulative_distributions_ending_at_one()
    {
        var random = new Random(3);
        var matrix = new ReturnMatrix(200, 12, Enumerable.Range(0, 2400).Select(_ => Gaussian(random)).ToArray());

        var dominance = Cscv.Analyze(matrix, 8, CscvMetric.Sharpe).StochasticDominance;

        Assert.Equal(Cscv.DefaultGridPoints, dominance.Grid.Count);
        Assert.Equal(1, dominance.AllCdf[^1], 12);
        Assert.Equal(1, dominance.OptimalCdf[^1], 12);
        Assert.True(dominance.AllCdf.Zip(dominance.AllCdf.Skip(1)).All(p => p.First <= p.Second));
        Assert.True(dominance.OptimalCdf.Zip(dominance.OptimalCdf.Skip(1)).All(p => p.First <= p.Second));
        Assert.Equal(0, dominance.SecondOrder[0]);
    }

    [Theory]
    [InlineData(3, "even")]
    [InlineData(0, "even")]
    [InlineData(32, "even")]
    public void Splits_that_are_not_even_or_out_of_range_are_refused(int splits, string reason)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Cscv.Analyze(ReferenceVectors.C, splits));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_periods_for_the_splits_are_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => Cscv.Analyze(ReferenceVectors.C, 16, CscvMetric.Mean));
        Assert.Contains("8 periods are too few for 16 splits", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Cscv.Analyze(ReturnMatrix.FromColumns([[1.0, 2, 3, 4]]), 2));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
