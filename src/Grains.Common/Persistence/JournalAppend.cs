using Aegis.Domain.Replay;

namespace Aegis.Grains.Persistence;

/// <summary>One scenario's inputs and the decisions they caused, waiting for the next journal commit (they commit together).</summary>
public sealed record JournalAppend(string ScenarioId, IReadOnlyList<ScenarioInput> Inputs, IReadOnlyList<RecordedDecision> Decisions);
