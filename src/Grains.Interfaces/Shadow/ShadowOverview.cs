namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>The shadow lane at a glance: the silos of both lanes with their builds, and every twin.</summary>
[GenerateSerializer, Immutable]
public sealed record ShadowOverview(
    [property: Id(0)] IReadOnlyList<SiloBuildView> Silos,
    [property: Id(1)] IReadOnlyList<ShadowTwinStatus> Twins);
