namespace Aegis.Grains.Interfaces.Research;

/// <summary>One backtest on a research silo: a spec over a dataset's quotes, or a recorded live scenario over its logged inputs.</summary>
public interface IBacktestGrain : IGrainWithGuidKey
{
    /// <exception cref="ArgumentException">The request is malformed, or names a dataset, scenario or instrument that is not there.</exception>
    Task<BacktestReport> Run(BacktestRequest request);
}

/// <summary>
/// What to backtest on <paramref name="Dataset"/>: <paramref name="ScenarioSpec"/> over its quotes (merged in exchange
/// time, then instrument, source and sequence), or the recorded scenario <paramref name="RecordedScenarioId"/> over
/// its logged inputs in their logged order. Exactly one of the two.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BacktestRequest(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string? ScenarioSpec,
    [property: Id(2)] string? RecordedScenarioId);

/// <summary>
/// A backtest's outcome: the book at the end, statistics, and for a recorded scenario its parity with the live
/// journal over the same inputs (<see cref="LiveCompared"/> decisions; the first divergence side by side, if any).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BacktestReport(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] string Dataset,
    [property: Id(2)] long Inputs,
    [property: Id(3)] long Quotes,
    [property: Id(4)] long Decisions,
    [property: Id(5)] int Fills,
    [property: Id(6)] decimal StartingEquity,
    [property: Id(7)] decimal FinalEquity,
    [property: Id(8)] double TotalReturn,
    [property: Id(9)] double? Sharpe,
    [property: Id(10)] double MaxDrawdown,
    [property: Id(11)] string FinalStatus,
    [property: Id(12)] string? HaltReason,
    [property: Id(13)] bool Recorded,
    [property: Id(14)] long LiveCompared,
    [property: Id(15)] bool? LiveIdentical,
    [property: Id(16)] string? LiveJournaled,
    [property: Id(17)] string? LiveReplayed,
    [property: Id(18)] long LiveDivergenceAt);
