namespace Aegis.Grains.Interfaces.Live;

/// <summary>A quote as shown to operators.</summary>
[GenerateSerializer, Immutable]
public sealed record QuoteView(
    [property: Id(0)] string InstrumentId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] decimal Bid,
    [property: Id(3)] decimal Ask,
    [property: Id(4)] long BidSize,
    [property: Id(5)] long AskSize,
    [property: Id(6)] long ExchangeTimeUnixNs,
    [property: Id(7)] long ReceiveTimeUnixNs,
    [property: Id(8)] string Source);
