namespace Aegis.Grains.Interfaces.Research;

/// <summary>
/// A slice of a sweep's trials for one worker: the dataset, the base spec and each trial's parameters; for a
/// walk-forward job, one fold (<paramref name="Fold"/>) over every trial.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepChunk(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Index,
    [property: Id(2)] string Dataset,
    [property: Id(3)] string ScenarioSpec,
    [property: Id(4)] IReadOnlyList<SweepTrial> Trials,
    [property: Id(5)] FoldWindow? Fold = null);

/// <summary>A walk-forward fold's windows, in exchange-time nanoseconds since the Unix epoch: train [start, end), then test [start, end).</summary>
[GenerateSerializer, Immutable]
public sealed record FoldWindow(
    [property: Id(0)] int Fold,
    [property: Id(1)] long TrainStartUnixNs,
    [property: Id(2)] long TrainEndUnixNs,
    [property: Id(3)] long TestStartUnixNs,
    [property: Id(4)] long TestEndUnixNs);

/// <summary>One trial: its index in the sweep and the parameters it overrides.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepTrial([property: Id(0)] int Index, [property: Id(1)] IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// What a worker did with a chunk: where it staged the trials' results, on which silo, and the quotes processed; or
/// an error: retryable when the object store was unreachable (an outage), otherwise one that makes the job fail
/// (bad data, a spec that does not run), which retrying would meet again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChunkOutcome(
    [property: Id(0)] int Index,
    [property: Id(1)] string? StagedKey,
    [property: Id(2)] string Silo,
    [property: Id(3)] long QuotesProcessed,
    [property: Id(4)] string? Error,
    [property: Id(5)] bool Retryable);
