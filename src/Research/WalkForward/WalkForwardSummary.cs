using Aegis.Research.Statistics;

namespace Aegis.Research.WalkForward;

/// <summary>
/// A completed walk-forward job's summary (<c>results/job=ID/summary.json</c>, and the job's row in PostgreSQL): how
/// the data was cut, each fold's choice and its in- and out-of-sample figures, and the stitched out-of-sample
/// statistics with the walk-forward efficiency.
/// </summary>
public sealed record WalkForwardSummary(
    string JobId,
    string Kind,
    string Dataset,
    string BaseScenario,
    string ScenarioSpec,
    string Mode,
    int PeriodMinutes,
    int TrainPeriods,
    int TestPeriods,
    int Gap,
    int Trials,
    IReadOnlyList<FoldSummary> Folds,
    PerformanceSummary OutOfSample,
    double? Efficiency,
    DateTimeOffset CompletedUtc,
    IReadOnlyList<string> Files)
{
    public const string KindName = "walkforward";
}

/// <summary>One fold: its windows (exchange-time ns), the trial chosen in sample and how it did in and out of sample.</summary>
public sealed record FoldSummary(
    int Fold,
    long TrainStartUnixNs,
    long TrainEndUnixNs,
    long TestStartUnixNs,
    long TestEndUnixNs,
    string ChosenId,
    IReadOnlyDictionary<string, string> Parameters,
    double? InSampleSharpe,
    double InSampleReturn,
    double OutOfSampleReturn,
    double? OutOfSampleSharpe,
    int OutOfSampleTrades)
{
    public static FoldSummary From(WalkForwardFoldResult fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        var w = fold.Window;
        return new FoldSummary(w.Fold, w.TrainStartUnixNs, w.TrainEndUnixNs, w.TestStartUnixNs, w.TestEndUnixNs, fold.ChosenId, fold.Parameters,
            fold.InSample.Sharpe, fold.InSample.TotalReturn, fold.OutOfSample.TotalReturn, fold.OutOfSample.Sharpe, fold.TestTrades.Count);
    }
}
