namespace Aegis.Grains.Interfaces.Live;

/// <summary>A position in one quote stream of an instrument: sequences are per source.</summary>
/// <param name="Source">Quote source (<c>replay</c>, <c>saxo</c>…).</param>
/// <param name="Sequence">A sequence of that source.</param>
[GenerateSerializer, Immutable]
public sealed record StreamMark([property: Id(0)] string Source, [property: Id(1)] long Sequence);
