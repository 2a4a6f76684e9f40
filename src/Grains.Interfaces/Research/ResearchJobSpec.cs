namespace Aegis.Grains.Interfaces.Research;

/// <summary>
/// A sweep to run: the base scenario (its spec as <c>aegis scenarios create</c> takes it, YAML or JSON), the dataset
/// to run it over, and the trials: a grid (every combination of <see cref="Grid"/>) or a random search
/// (<see cref="RandomTrials"/> draws in <see cref="Ranges"/>, from <see cref="Seed"/>). With
/// <see cref="CscvSplits"/> above 0 the results include CSCV on the trials' per-minute returns. With
/// <see cref="Workers"/> above 0 the research lane's launcher starts that many worker silos for the job, and stops
/// them when it ends.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ResearchJobSpec(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string ScenarioSpec,
    [property: Id(2)] IReadOnlyList<SweepAxis> Grid,
    [property: Id(3)] IReadOnlyList<SweepRange> Ranges,
    [property: Id(4)] int RandomTrials,
    [property: Id(5)] int Seed,
    [property: Id(6)] int CscvSplits,
    [property: Id(7)] int TrialsPerChunk,
    [property: Id(8)] int Workers = 0,
    [property: Id(9)] WalkForwardSpec? WalkForward = null)
{
    /// <summary><c>sweep</c>, or <c>walkforward</c> when <see cref="WalkForward"/> is set.</summary>
    public string Kind => WalkForward is null ? "sweep" : "walkforward";
}

/// <summary>
/// A walk-forward analysis over the trials: the data cut into periods of <paramref name="PeriodMinutes"/>; per fold,
/// the trial with the best Sharpe ratio over <paramref name="TrainPeriods"/> periods runs over the next
/// <paramref name="TestPeriods"/> (after <paramref name="Gap"/> periods); <paramref name="Mode"/> is <c>rolling</c>
/// (a training window of fixed length) or <c>anchored</c> (from the first period on).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WalkForwardSpec(
    [property: Id(0)] int PeriodMinutes,
    [property: Id(1)] int TrainPeriods,
    [property: Id(2)] int TestPeriods,
    [property: Id(3)] string Mode,
    [property: Id(4)] int Gap = 0);

/// <summary>One grid axis: a strategy parameter and the values to try.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepAxis([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<string> Values);

/// <summary>One parameter's inclusive range for random search (integral when both bounds are).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepRange([property: Id(0)] string Name, [property: Id(1)] decimal Min, [property: Id(2)] decimal Max);
