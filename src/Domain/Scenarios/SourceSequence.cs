namespace Aegis.Domain.Scenarios;

/// <summary>The last sequence a scenario processed from one source of one instrument (sequences are per source).</summary>
/// <param name="Source">Quote source (<c>replay</c>, <c>saxo</c>…).</param>
/// <param name="LastSequence">Last processed sequence of that source.</param>
public sealed record SourceSequence(string Source, long LastSequence);
