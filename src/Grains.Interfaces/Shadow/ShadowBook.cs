namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>A shadow twin's book after its last decision: what the live scenario's book is when parity holds.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Status">Scenario status (running, paused, halted, …), or "-" when the twin is not following.</param>
/// <param name="DecisionSequence">The twin's last decision: the book includes every fill up to it.</param>
/// <param name="StartingCash">The spec's starting cash.</param>
/// <param name="Cash">Cash.</param>
/// <param name="Equity">Cash plus positions at their marks.</param>
/// <param name="RealizedPnl">Realized PnL.</param>
/// <param name="UnrealizedPnl">Unrealized PnL at the marks.</param>
/// <param name="Positions">Signed quantity per instrument (flat ones left out).</param>
[GenerateSerializer, Immutable]
public sealed record ShadowBook(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] string Status,
    [property: Id(2)] long DecisionSequence,
    [property: Id(3)] decimal StartingCash,
    [property: Id(4)] decimal Cash,
    [property: Id(5)] decimal Equity,
    [property: Id(6)] decimal RealizedPnl,
    [property: Id(7)] decimal UnrealizedPnl,
    [property: Id(8)] IReadOnlyDictionary<string, long> Positions);
