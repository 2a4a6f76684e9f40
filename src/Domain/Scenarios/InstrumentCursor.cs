namespace Aegis.Domain.Scenarios;

/// <summary>Where a scenario is in one instrument's quote streams (part of a <see cref="ScenarioSnapshot"/>).</summary>
/// <param name="InstrumentId">Instrument.</param>
/// <param name="LastSequence">Sequence of the last processed quote, whatever its source; −1 before the first quote.</param>
/// <param name="Bid">Last bid (used to fill orders submitted from a timer).</param>
/// <param name="Ask">Last ask.</param>
/// <param name="QuoteTimeUnixNs">Exchange time of the last quote.</param>
/// <param name="Sources">Last processed sequence per source: what gates duplicates.</param>
public sealed record InstrumentCursor(string InstrumentId, long LastSequence, decimal Bid, decimal Ask, long QuoteTimeUnixNs,
    IReadOnlyList<SourceSequence>? Sources = null);
