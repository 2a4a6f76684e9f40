namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// Where a shadow twin is. <see cref="LagInputs"/> counts the live scenario's logged inputs the twin has not taken
/// yet; <see cref="LagSeconds"/> is the exchange time between the live scenario's last input and the twin's.
/// </summary>
/// <param name="ScenarioId">The live scenario the twin follows.</param>
/// <param name="State">following, waiting (no spec recorded yet) or failed.</param>
/// <param name="Failure">Why the twin stopped following, when failed.</param>
/// <param name="ScenarioStatus">The twin's scenario status (running, paused, halted, …).</param>
/// <param name="InputSequence">The last live input the twin took.</param>
/// <param name="LiveInputSequence">The last input the live scenario logged.</param>
/// <param name="DecisionSequence">The twin's last decision.</param>
/// <param name="QuotesProcessed">Quotes the twin processed.</param>
/// <param name="LagInputs">Live inputs not taken yet.</param>
/// <param name="LagSeconds">Exchange time between the live scenario's last input and the twin's, in seconds.</param>
/// <param name="Build">The shadow build the twin runs.</param>
[GenerateSerializer, Immutable]
public sealed record ShadowTwinStatus(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] string State,
    [property: Id(2)] string? Failure,
    [property: Id(3)] string ScenarioStatus,
    [property: Id(4)] long InputSequence,
    [property: Id(5)] long LiveInputSequence,
    [property: Id(6)] long DecisionSequence,
    [property: Id(7)] long QuotesProcessed,
    [property: Id(8)] long LagInputs,
    [property: Id(9)] double LagSeconds,
    [property: Id(10)] string Build);
