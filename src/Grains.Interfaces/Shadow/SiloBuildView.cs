namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>A silo and the build of its latest start; <see cref="Active"/> when it is in its cluster's membership now.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloBuildView(
    [property: Id(0)] string Lane,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Build,
    [property: Id(3)] DateTime StartedUtc,
    [property: Id(4)] bool Active);
