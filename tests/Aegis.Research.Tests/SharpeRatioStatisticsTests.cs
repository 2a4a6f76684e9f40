using Aegis.Research.Statistics;

namespace Aegis.Research.Tests;

public sealed class SharpeRatioStatisticsTests
{
    [Fact]
    public void The_papers_worked_example_deflates_an_annual_sharpe_of_2_5_to_0_9004()
    {
        var daily = 2.5 / Math.Sqrt(250);

        Assert.Equal(2.5306029, SharpeRatioStatistics.ExpectedMaximum(100), 6);
        Assert.Equal(0.113172, SharpeRatioStatistics.ExpectedMaximum(100, 0.5 / 250), 6);
        Assert.Equal(0.9003968, SharpeRatioStatistics.Deflated(daily, 1250, -3, 10, 100, 0.5 / 250), 6);
    }

    [Fact]
    public void The_probabilistic_sharpe_ratio_and_the_expected_maximum_of_ten_match_the_reference()
    {
        Assert.Equal(0.9132343, SharpeRatioStatistics.Probabilistic(1.585 / Math.Sqrt(12), 0, 24, -2.448, 10.164), 6);
        Assert.Equal(1.5746, SharpeRatioStatistics.ExpectedMaximum(10), 4);
    }

    [Fact]
    public void Under_normal_returns_the_psr_variance_is_lo_s_one_plus_half_the_squared_sharpe()
    {
        const double Sharpe = 0.1;
        var expected = MathNet.Numerics.Distributions.Normal.CDF(0, 1, Sharpe * Math.Sqrt(99) / Math.Sqrt(1 + Sharpe * Sharpe / 2));
        Assert.Equal(expected, SharpeRatioStatistics.Probabilistic(Sharpe, 0, 100, 0, 3), 12);
    }

    [Fact]
    public void Forty_five_trials_at_an_annual_sharpe_of_one_need_five_years()
    {
        Assert.Equal(4.9981, SharpeRatioStatistics.MinimumBacktestYears(45, 1), 4);
    }

    [Fact]
    public void Moments_of_a_two_point_series_have_no_skew_and_a_raw_kurtosis_of_one()
    {
        var moments = ReturnMoments.Of([-1.0, 1, -1, 1]);

        Assert.Equal(0, moments.Mean);
        Assert.Equal(Math.Sqrt(4.0 / 3), moments.StandardDeviation, 12);
        Assert.Equal(0, moments.Skewness, 12);
        Assert.Equal(1, moments.Kurtosis, 12);
        Assert.Equal(0, moments.Sharpe);
    }

    [Fact]
    public void The_deflated_sharpe_of_a_sweep_uses_the_chosen_trials_moments_and_the_spread_of_every_trials_sharpe()
    {
        var random = new Random(9);
        var trials = Enumerable.Range(0, 20).Select(n => Enumerable.Range(0, 500).Select(_ => 0.0005 * n + 0.01 * (random.NextDouble() - 0.5)).ToArray()).ToList();
        var sharpes = trials.Select(t => ReturnMoments.Of(t).Sharpe).ToArray();
        var variance = sharpes.Sum(s => (s - sharpes.Average()) * (s - sharpes.Average())) / 19;
        var chosen = ReturnMoments.Of(trials[19]);

        var dsr = SharpeRatioStatistics.Deflated(trials, 19);

        Assert.Equal(SharpeRatioStatistics.Deflated(chosen.Sharpe, 500, chosen.Skewness, chosen.Kurtosis, 20, variance), dsr, 12);
        Assert.InRange(dsr, 0, 1);
        Assert.True(SharpeRatioStatistics.Deflated(trials, 19) > SharpeRatioStatistics.Deflated(trials, 0));
    }
}
