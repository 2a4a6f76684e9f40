using Aegis.Domain.Scenarios;

namespace Aegis.Grains.Persistence;

/// <summary>A scenario decision with its per-scenario number, as kept in <c>decision_journal</c>.</summary>
public sealed record JournalEntry(long DecisionSequence, ScenarioDecision Decision);
