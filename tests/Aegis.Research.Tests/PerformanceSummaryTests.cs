using Aegis.Domain.Orders;
using Aegis.Research.Backtests;
using Aegis.Research.Statistics;

namespace Aegis.Research.Tests;

public sealed class PerformanceSummaryTests
{
    [Fact]
    public void Returns_drawdown_ratios_turnover_and_exposure_of_a_small_curve_match_a_hand_calculation()
    {
        // 100 → 110 → 99 → 120: returns 0.1, −0.1, 21/99 − … ; peak 110, trough 99: drawdown 0.1.
        EquityPoint[] equity = [new(1, 110m, 55m), new(2, 99m, 0m), new(3, 120m, 60m)];
        Fill[] trades = [new("f1", "o1", "X", OrderSide.Buy, 10, 5m, 0m, 1, 1), new("f2", "o2", "X", OrderSide.Sell, 10, 6m, 0m, 3, 3)];

        var summary = PerformanceSummary.From(100m, equity, trades, _ => 2m, periodsPerYear: 4);

        double[] r = [0.1, -0.1, 120.0 / 99 - 1];
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        Assert.Equal(0.2, summary.TotalReturn, 12);
        Assert.Equal(mean / sd * 2, summary.Sharpe!.Value, 12);
        Assert.Equal(mean / Math.Sqrt(0.01 / 3) * 2, summary.Sortino!.Value, 12);
        Assert.Equal(0.1, summary.MaxDrawdown, 12);
        Assert.Equal((10 * 5 * 2 + 10 * 6 * 2) / ((110 + 99 + 120) / 3.0), summary.Turnover, 12);
        Assert.Equal((0.5 + 0 + 0.5) / 3, summary.Exposure, 12);
        Assert.Equal((2, 3), (summary.Trades, summary.Periods));
    }

    [Fact]
    public void A_curve_that_never_falls_has_no_drawdown_and_no_sortino_and_a_flat_one_no_sharpe()
    {
        var rising = PerformanceSummary.From(100m, [new(1, 101m, 0m), new(2, 103m, 0m)], [], _ => 1m, 1);
        Assert.Equal(0, rising.MaxDrawdown);
        Assert.Null(rising.Sortino);

        var flat = PerformanceSummary.From(100m, [new(1, 100m, 0m), new(2, 100m, 0m)], [], _ => 1m, 1);
        Assert.Null(flat.Sharpe);
        Assert.Equal(0, flat.TotalReturn);
    }
}
