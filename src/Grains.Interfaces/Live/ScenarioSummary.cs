namespace Aegis.Grains.Interfaces.Live;

/// <summary>A scenario at a glance: status, money, and how far it is behind its feeds (quotes waiting for it, and
/// seconds since the oldest of them was received; <see cref="LagQuotes"/> is −1 while a feed cannot be asked).</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Strategy,
    [property: Id(3)] string Status,
    [property: Id(4)] string? HaltReason,
    [property: Id(5)] IReadOnlyList<string> Instruments,
    [property: Id(6)] decimal Cash,
    [property: Id(7)] decimal RealizedPnl,
    [property: Id(8)] decimal UnrealizedPnl,
    [property: Id(9)] decimal Equity,
    [property: Id(10)] decimal Commissions,
    [property: Id(11)] long Fills,
    [property: Id(12)] int OpenOrders,
    [property: Id(13)] long QuotesProcessed,
    [property: Id(14)] long Decisions,
    [property: Id(15)] long LastQuoteTimeUnixNs,
    [property: Id(16)] long LagQuotes = 0,
    [property: Id(17)] double LagSeconds = 0);
