namespace Aegis.Grains.Interfaces.Live;

/// <summary>What <c>aegis scenarios replay</c> found: the scenario replayed from its durable inputs and compared with its journal.</summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="InputsReplayed">Inputs of the log replayed.</param>
/// <param name="QuotesReplayed">Quotes those inputs carried, read from the tape.</param>
/// <param name="DecisionsCompared">Decisions within the requested range found identical before any divergence.</param>
/// <param name="Identical">True when every compared decision was identical and the replay ran to the end of the log.</param>
/// <param name="DivergenceDecisionSequence">Where the replay and the journal part, if they do.</param>
/// <param name="DivergenceInputSequence">The input being replayed there.</param>
/// <param name="Journaled">The journal's decision there, one line; null if none.</param>
/// <param name="Replayed">The replay's decision there, one line; null if none.</param>
/// <param name="Error">Why the replay could not go on (a gap in the log, quotes missing from the tape); null otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record ScenarioReplayResult(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] long InputsReplayed,
    [property: Id(2)] long QuotesReplayed,
    [property: Id(3)] long DecisionsCompared,
    [property: Id(4)] bool Identical,
    [property: Id(5)] long? DivergenceDecisionSequence,
    [property: Id(6)] long? DivergenceInputSequence,
    [property: Id(7)] string? Journaled,
    [property: Id(8)] string? Replayed,
    [property: Id(9)] string? Error);
