namespace Aegis.Grains.Interfaces.Live;

/// <summary>A paper fill as shown to operators.</summary>
[GenerateSerializer, Immutable]
public sealed record FillView(
    [property: Id(0)] string FillId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string InstrumentId,
    [property: Id(3)] string Side,
    [property: Id(4)] long Quantity,
    [property: Id(5)] decimal Price,
    [property: Id(6)] decimal Commission,
    [property: Id(7)] long TimeUnixNs);
