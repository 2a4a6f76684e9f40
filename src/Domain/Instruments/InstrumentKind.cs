namespace Aegis.Domain.Instruments;

/// <summary>What kind of tradable an <see cref="Instrument"/> is.</summary>
public enum InstrumentKind
{
    Equity = 0,
    Option = 1,
}
