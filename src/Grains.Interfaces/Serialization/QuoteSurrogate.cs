using Aegis.Domain.Quotes;

namespace Aegis.Grains.Interfaces.Serialization;

/// <summary>Wire form of the domain's <see cref="Quote"/>, which stays free of Orleans attributes.</summary>
[GenerateSerializer]
public struct QuoteSurrogate
{
    [Id(0)] public string InstrumentId;
    [Id(1)] public decimal Bid;
    [Id(2)] public decimal Ask;
    [Id(3)] public long BidSize;
    [Id(4)] public long AskSize;
    [Id(5)] public long ExchangeTimeUnixNs;
    [Id(6)] public long ReceiveTimeUnixNs;
    [Id(7)] public string Source;
    [Id(8)] public long Sequence;
}

[RegisterConverter]
public sealed class QuoteSurrogateConverter : IConverter<Quote, QuoteSurrogate>
{
    public Quote ConvertFromSurrogate(in QuoteSurrogate surrogate) =>
        new(surrogate.InstrumentId, surrogate.Bid, surrogate.Ask, surrogate.BidSize, surrogate.AskSize,
            surrogate.ExchangeTimeUnixNs, surrogate.ReceiveTimeUnixNs, surrogate.Source, surrogate.Sequence);

    public QuoteSurrogate ConvertToSurrogate(in Quote value) => new()
    {
        InstrumentId = value.InstrumentId,
        Bid = value.Bid,
        Ask = value.Ask,
        BidSize = value.BidSize,
        AskSize = value.AskSize,
        ExchangeTimeUnixNs = value.ExchangeTimeUnixNs,
        ReceiveTimeUnixNs = value.ReceiveTimeUnixNs,
        Source = value.Source,
        Sequence = value.Sequence,
    };
}
