namespace Aegis.Grains.Interfaces.Live;

/// <summary>A resting order as shown to operators.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderView(
    [property: Id(0)] string ClientOrderId,
    [property: Id(1)] string InstrumentId,
    [property: Id(2)] string Side,
    [property: Id(3)] long Quantity,
    [property: Id(4)] string Type,
    [property: Id(5)] decimal? LimitPrice,
    [property: Id(6)] string TimeInForce);
