namespace Aegis.Grains.Persistence;

/// <summary>One scenario's decisions waiting for the next journal commit.</summary>
public sealed record JournalAppend(string ScenarioId, IReadOnlyList<JournalEntry> Entries);
