namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// Parity of one scenario so far: decisions compared (in decision order, through the inputs the twin has taken),
/// how many matched, and the first divergence with both sides. Names the live and shadow builds compared.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ParityReport(
    [property: Id(0)] string ScenarioId,
    [property: Id(1)] string LiveBuild,
    [property: Id(2)] string ShadowBuild,
    [property: Id(3)] long Compared,
    [property: Id(4)] long Matched,
    [property: Id(5)] long Divergences,
    [property: Id(6)] long ThroughInput,
    [property: Id(7)] ParityDivergence? First,
    [property: Id(8)] DateTime UpdatedUtc)
{
    /// <summary>Matched share of compared decisions, in percent (100 when none were compared yet).</summary>
    public double ParityPercent => Compared == 0 ? 100 : 100.0 * Matched / Compared;
}
