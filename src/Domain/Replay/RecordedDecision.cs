using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Replay;

/// <summary>A decision with its number in the scenario's journal and the input that caused it.</summary>
/// <param name="DecisionSequence">Position in the scenario's decision journal, from 1, without gaps.</param>
/// <param name="InputSequence">The input that caused it (0 for decisions journaled before the input log existed).</param>
/// <param name="Decision">What the scenario did.</param>
public sealed record RecordedDecision(long DecisionSequence, long InputSequence, ScenarioDecision Decision);
