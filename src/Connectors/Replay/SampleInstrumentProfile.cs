using Aegis.Domain.Instruments;

namespace Aegis.Connectors.Replay;

/// <summary>
/// How the sample day generates quotes for one instrument.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="StartPrice">Mid price at the open. For options it is the model value at the open,
/// for information: option quotes follow their underlying.</param>
/// <param name="Volatility">Annualised volatility: realised for equities, implied for options.</param>
/// <param name="QuotesPerSecond">Average quote rate over the session (the intraday profile is U-shaped).</param>
/// <param name="BaseSpreadTicks">Quoted spread in ticks in a calm mid-day market.</param>
/// <param name="TypicalSize">Typical displayed size: shares for equities, contracts for options.</param>
/// <param name="JumpsPerDay">Price jumps in the session (equities; options jump with their underlying).</param>
public sealed record SampleInstrumentProfile(
    Instrument Instrument,
    decimal StartPrice,
    double Volatility,
    double QuotesPerSecond,
    int BaseSpreadTicks,
    long TypicalSize,
    int JumpsPerDay);
