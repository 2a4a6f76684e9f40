using Aegis.Research.Statistics;
using Aegis.Research.Sweeps;

namespace Aegis.Research.Tests;

public sealed class PromotionGateTests
{
    [Fact]
    public void A_sweep_with_low_pbo_and_a_high_deflated_sharpe_passes()
    {
        var summary = Summary(new CscvFigures(16, 1000, 0.1, 0.2, -0.1, 0), 0.99);
        Assert.Empty(PromotionGate.Refusals(summary, summary.Trials, 0.5, 0.95));
    }

    [Fact]
    public void Each_reason_to_refuse_is_given()
    {
        var overfit = Summary(new CscvFigures(16, 1000, 0.7, 0.6, -0.9, 0), 0.2);
        var refusals = PromotionGate.Refusals(overfit, overfit.Trials, 0.5, 0.95);
        Assert.Equal(["PBO 0.7000 is above the limit 0.5000: the sweep's in-sample best is likely overfit",
            "trial t0: Deflated Sharpe 0.2000 is below the limit 0.9500"], refusals);

        var noCscv = Summary(null, 0.99) with { CscvSkipped = "8 periods are too few for 16 splits" };
        Assert.StartsWith("job j has no CSCV (8 periods are too few for 16 splits)", PromotionGate.Refusals(noCscv, noCscv.Trials, 0.5, 0.95).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_deflated_sharpe_of_every_trial_at_once_equals_each_one_computed_alone()
    {
        var random = new Random(4);
        var trials = Enumerable.Range(0, 12).Select(n => Enumerable.Range(0, 300).Select(_ => 0.0003 * n + 0.01 * (random.NextDouble() - 0.5)).ToArray()).ToList();

        var all = SharpeRatioStatistics.DeflatedAll(trials);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => SharpeRatioStatistics.Deflated(trials, i)), all);
    }

    private static SweepSummary Summary(CscvFigures? cscv, double dsr) =>
        new("j", "d", "s", "id: s", [new TrialSummary(0, "t0", new Dictionary<string, string>(), new PerformanceSummary(0, 1, 1, 0, 0, 0, 0, 10), dsr, "running", null)],
            0, dsr, cscv, null, DateTimeOffset.UnixEpoch, []);
}
