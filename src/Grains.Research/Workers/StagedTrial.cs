using Aegis.Domain.Orders;
using Aegis.Research.Backtests;
using Aegis.Research.Statistics;

namespace Aegis.Grains.Research.Workers;

/// <summary>One trial's results as a worker stages them (JSON under <c>staging/job=ID/</c>) for the job to publish.</summary>
public sealed record StagedTrial(
    int Index,
    string Id,
    IReadOnlyDictionary<string, string> Parameters,
    decimal StartingCash,
    PerformanceSummary Summary,
    IReadOnlyList<EquityPoint> Equity,
    IReadOnlyList<Fill> Trades,
    string FinalStatus,
    string? HaltReason);
