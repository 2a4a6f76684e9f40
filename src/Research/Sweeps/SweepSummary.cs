using Aegis.Research.Statistics;

namespace Aegis.Research.Sweeps;

/// <summary>
/// A completed sweep's summary (<c>results/job=ID/summary.json</c>, and the job's row in PostgreSQL): every trial's
/// statistics, the best trial by annualised Sharpe ratio, its Deflated Sharpe ratio among all the trials, and CSCV
/// over the trials' per-period returns when the job asked for it (or why it could not run).
/// </summary>
public sealed record SweepSummary(
    string JobId,
    string Dataset,
    string BaseScenario,
    IReadOnlyList<TrialSummary> Trials,
    int BestTrial,
    double? DeflatedSharpe,
    CscvFigures? Cscv,
    string? CscvSkipped,
    DateTimeOffset CompletedUtc,
    IReadOnlyList<string> Files);

/// <summary>One trial: its parameters (the base spec's, with the sweep's overrides) and statistics.</summary>
public sealed record TrialSummary(int Index, string Id, IReadOnlyDictionary<string, string> Parameters, PerformanceSummary Summary, string FinalStatus, string? HaltReason);

/// <summary>The CSCV figures of a sweep (metric: per-period Sharpe ratio).</summary>
public sealed record CscvFigures(int Splits, int Periods, double Pbo, double ProbabilityOfLoss, double? DegradationSlope, double? DegradationIntercept);
