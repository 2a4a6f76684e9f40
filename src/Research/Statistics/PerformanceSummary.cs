using Aegis.Domain.Orders;
using Aegis.Research.Backtests;

namespace Aegis.Research.Statistics;

/// <summary>
/// The statistics of one equity curve. Returns are per period (E_t / E_{t−1} − 1, from the starting cash);
/// the Sharpe ratio is their mean over their sample standard deviation and the Sortino ratio their mean over the
/// downside deviation √(Σ min(r, 0)² / n), both annualised by √(periods per year), null where the deviation is 0.
/// Max drawdown is the largest fall from a running peak, as a fraction of that peak. Turnover is the traded notional
/// over the average equity; exposure the average of gross exposure over equity.
/// </summary>
public sealed record PerformanceSummary(
    double TotalReturn,
    double? Sharpe,
    double? Sortino,
    double MaxDrawdown,
    double Turnover,
    double Exposure,
    int Trades,
    int Periods)
{
    public static PerformanceSummary From(decimal startingCash, IReadOnlyList<EquityPoint> equity, IReadOnlyList<Fill> trades,
        Func<string, decimal> multiplier, double periodsPerYear)
    {
        ArgumentNullException.ThrowIfNull(equity);
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(multiplier);
        if (startingCash <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startingCash), startingCash, "statistics need a positive starting equity");
        }

        var returns = Returns(startingCash, equity);
        var annual = Math.Sqrt(periodsPerYear);
        double? sharpe = null, sortino = null;
        if (returns.Length >= 2)
        {
            var moments = ReturnMoments.Of(returns);
            sharpe = moments.StandardDeviation > 0 ? moments.Mean / moments.StandardDeviation * annual : null;
            var downside = Math.Sqrt(returns.Sum(r => r < 0 ? r * r : 0) / returns.Length);
            sortino = downside > 0 ? moments.Mean / downside * annual : null;
        }

        var (peak, drawdown) = ((double)startingCash, 0.0);
        foreach (var point in equity)
        {
            var value = (double)point.Equity;
            peak = Math.Max(peak, value);
            drawdown = Math.Max(drawdown, (peak - value) / peak);
        }

        var averageEquity = equity.Count == 0 ? (double)startingCash : equity.Average(p => (double)p.Equity);
        var traded = trades.Sum(f => (double)Math.Abs(f.Quantity * f.Price * multiplier(f.InstrumentId)));
        var exposure = equity.Count == 0 ? 0 : equity.Average(p => p.Equity > 0 ? (double)(p.GrossExposure / p.Equity) : 0);
        var last = equity.Count == 0 ? startingCash : equity[^1].Equity;
        return new PerformanceSummary((double)(last / startingCash) - 1, sharpe, sortino, drawdown,
            averageEquity > 0 ? traded / averageEquity : 0, exposure, trades.Count, equity.Count);
    }

    /// <summary>Per-period returns of an equity curve that starts from <paramref name="startingCash"/>.</summary>
    public static double[] Returns(decimal startingCash, IReadOnlyList<EquityPoint> equity)
    {
        ArgumentNullException.ThrowIfNull(equity);
        var returns = new double[equity.Count];
        var previous = startingCash;
        for (var i = 0; i < equity.Count; i++)
        {
            returns[i] = previous == 0 ? 0 : (double)(equity[i].Equity / previous) - 1;
            previous = equity[i].Equity;
        }

        return returns;
    }
}
