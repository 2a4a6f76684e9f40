using Aegis.Domain.Orders;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Research.Statistics;

namespace Aegis.Research.Backtests;

/// <summary>What one backtest of one parameter set produced: its trades (fills), equity curve and statistics.</summary>
public sealed record BacktestResult(
    string ScenarioId,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<Fill> Trades,
    IReadOnlyList<EquityPoint> Equity,
    PerformanceSummary Summary,
    long QuotesProcessed,
    long DecisionCount,
    ScenarioStatus FinalStatus,
    string? HaltReason,
    IReadOnlyList<RecordedDecision> Decisions);
