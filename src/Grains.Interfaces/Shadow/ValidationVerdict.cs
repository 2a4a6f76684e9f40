namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>One rule's verdict: passed or not, subjects checked, and every failure in words (the first few in <see cref="Detail"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ValidationVerdict(
    [property: Id(0)] string Rule,
    [property: Id(1)] bool Passed,
    [property: Id(2)] long Checked,
    [property: Id(3)] long Failures,
    [property: Id(4)] string Detail,
    [property: Id(5)] DateTime CheckedUtc);
