namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>A decision at which the lanes differ, both sides rendered side by side ("(none)" where one lane made no such decision).</summary>
[GenerateSerializer, Immutable]
public sealed record ParityDivergence(
    [property: Id(0)] long DecisionSequence,
    [property: Id(1)] long InputSequence,
    [property: Id(2)] string Live,
    [property: Id(3)] string Shadow,
    [property: Id(4)] string LiveBuild,
    [property: Id(5)] string ShadowBuild,
    [property: Id(6)] DateTime DetectedUtc);
