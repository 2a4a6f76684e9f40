namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>One scan: its id and time, and the rows it wrote.</summary>
[GenerateSerializer, Immutable]
public sealed record ScanResult(
    [property: Id(0)] Guid ScanId,
    [property: Id(1)] DateTime TakenUtc,
    [property: Id(2)] int Scenarios,
    [property: Id(3)] int Feeds);
