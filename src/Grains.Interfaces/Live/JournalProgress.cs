namespace Aegis.Grains.Interfaces.Live;

/// <summary>How far a scenario activation's decision journal is committed.</summary>
[GenerateSerializer, Immutable]
public sealed record JournalProgress(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] long JournaledSequence);
