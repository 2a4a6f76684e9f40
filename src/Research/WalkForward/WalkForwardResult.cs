using Aegis.Domain.Orders;
using Aegis.Research.Backtests;
using Aegis.Research.Statistics;

namespace Aegis.Research.WalkForward;

/// <summary>
/// One fold's outcome: the trial chosen on the training window (its index, id and parameters) with its in-sample
/// statistics, and its run over the test window.
/// </summary>
public sealed record WalkForwardFoldResult(
    WalkForwardWindow Window,
    int ChosenTrial,
    string ChosenId,
    IReadOnlyDictionary<string, string> Parameters,
    decimal StartingCash,
    PerformanceSummary InSample,
    PerformanceSummary OutOfSample,
    IReadOnlyList<EquityPoint> TestEquity,
    IReadOnlyList<Fill> TestTrades);

/// <summary>
/// A walk-forward analysis: its folds, the stitched out-of-sample equity curve and its statistics, and the
/// walk-forward efficiency: the out-of-sample mean return per period over the chosen trials' mean in-sample return
/// per period (null when that is not positive).
/// </summary>
public sealed record WalkForwardResult(
    IReadOnlyList<WalkForwardFoldResult> Folds,
    IReadOnlyList<EquityPoint> OutOfSampleEquity,
    PerformanceSummary OutOfSample,
    double? Efficiency);
