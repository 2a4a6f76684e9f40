namespace Aegis.Research.Backtests;

/// <summary>How a backtest samples its equity curve and annualises its statistics.</summary>
public sealed record BacktestOptions
{
    /// <summary>The equity curve's period: the book is sampled at the end of every period that had quotes.</summary>
    public long PeriodUnixNs { get; init; } = 60_000_000_000;

    /// <summary>Periods in a year, to annualise the Sharpe and Sortino ratios: 252 sessions of 390 minutes by default.</summary>
    public double PeriodsPerYear { get; init; } = 252 * 390;

    /// <summary>Keep the decisions made (for parity with a journal); off for sweeps, which need only the results.</summary>
    public bool KeepDecisions { get; init; }

    /// <summary>
    /// Pass over the quotes on which nothing can happen in one step (<see cref="Domain.Quotes.PreparedQuotes"/>). False
    /// takes every quote on the per-quote path: the same decisions and results, the straightforward way, for comparison.
    /// </summary>
    public bool PassQuietQuotes { get; init; } = true;
}
