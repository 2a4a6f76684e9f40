namespace Aegis.Grains.Interfaces.Live;

/// <summary>A position as shown to operators; <see cref="Mark"/> is the last mid.</summary>
[GenerateSerializer, Immutable]
public sealed record PositionView(
    [property: Id(0)] string InstrumentId,
    [property: Id(1)] long Quantity,
    [property: Id(2)] decimal AverageCost,
    [property: Id(3)] decimal RealizedPnl,
    [property: Id(4)] decimal? Mark);
