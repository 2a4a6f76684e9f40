namespace Aegis.Grains.Interfaces.Live;

/// <summary>An instrument feed's health: last quote, counters, rate and staleness.</summary>
[GenerateSerializer, Immutable]
public sealed record FeedStatus(
    [property: Id(0)] string InstrumentId,
    [property: Id(1)] bool KnownInstrument,
    [property: Id(2)] QuoteView? LastQuote,
    [property: Id(3)] long Accepted,
    [property: Id(4)] long Duplicates,
    [property: Id(5)] long OutOfOrder,
    [property: Id(6)] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: Id(7)] int Subscribers,
    [property: Id(8)] double QuotesPerSecond,
    [property: Id(9)] double? StalenessSeconds,
    [property: Id(10)] long SamplesTaken);
