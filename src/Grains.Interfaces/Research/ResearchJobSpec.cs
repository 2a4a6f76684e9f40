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
    [property: Id(8)] int Workers = 0)
{
    public const string Kind = "sweep";
}

/// <summary>One grid axis: a strategy parameter and the values to try.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepAxis([property: Id(0)] string Name, [property: Id(1)] IReadOnlyList<string> Values);

/// <summary>One parameter's inclusive range for random search (integral when both bounds are).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepRange([property: Id(0)] string Name, [property: Id(1)] decimal Min, [property: Id(2)] decimal Max);
