namespace Aegis.Grains.Interfaces.Live;

/// <summary>Everything <c>aegis scenarios show</c> prints.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioDetails(
    [property: Id(0)] ScenarioSummary Summary,
    [property: Id(1)] IReadOnlyList<PositionView> Positions,
    [property: Id(2)] IReadOnlyList<OrderView> OpenOrders,
    [property: Id(3)] IReadOnlyList<FillView> RecentFills,
    [property: Id(4)] IReadOnlyDictionary<string, string> Parameters,
    [property: Id(5)] long DuplicateQuotes,
    [property: Id(6)] long ThrottledOrders);
