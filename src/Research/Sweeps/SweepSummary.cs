using Aegis.Research.Statistics;

namespace Aegis.Research.Sweeps;

/// <summary>
/// A completed sweep's summary (<c>results/job=ID/summary.json</c>, and the job's row in PostgreSQL): every trial's
/// statistics, the best trial by annualised Sharpe ratio and its Deflated Sharpe ratio among all the trials, and CSCV
/// over the trials' per-period returns when the job asked for it (or why it could not run). Carries the base spec's
/// text, from which any trial becomes a scenario again.
/// </summary>
public sealed record SweepSummary(
    string JobId,
    string Dataset,
    string BaseScenario,
    string ScenarioSpec,
    IReadOnlyList<TrialSummary> Trials,
    int BestTrial,
    double? DeflatedSharpe,
    CscvFigures? Cscv,
    string? CscvSkipped,
    DateTimeOffset CompletedUtc,
    IReadOnlyList<string> Files);

/// <summary>
/// One trial: the parameters the sweep set, its statistics, and its Deflated Sharpe ratio among all the sweep's
/// trials (null with fewer than two trials or periods).
/// </summary>
public sealed record TrialSummary(int Index, string Id, IReadOnlyDictionary<string, string> Parameters, PerformanceSummary Summary, double? DeflatedSharpe,
    string FinalStatus, string? HaltReason);

/// <summary>The CSCV figures of a sweep (metric: per-period Sharpe ratio).</summary>
public sealed record CscvFigures(int Splits, int Periods, double Pbo, double ProbabilityOfLoss, double? DegradationSlope, double? DegradationIntercept);
