namespace Aegis.Grains.Interfaces.Live;

/// <summary>Progress of the replay.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplayStatus(
    [property: Id(0)] bool Running,
    [property: Id(1)] long QuotesPublished,
    [property: Id(2)] long CursorExchangeTimeUnixNs,
    [property: Id(3)] int Loops,
    [property: Id(4)] double Speed,
    [property: Id(5)] string? LastError);
