namespace Aegis.Grains.Interfaces.Live;

/// <summary>What a feed did with one published batch.</summary>
[GenerateSerializer, Immutable]
public sealed record FeedPublishResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] int OutOfOrder,
    [property: Id(3)] int Rejected);
