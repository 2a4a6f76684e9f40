namespace Aegis.Domain.Quotes;

/// <summary>Why a quote was not used. <see cref="None"/> means it is valid.</summary>
public enum QuoteRejectReason
{
    None = 0,
    UnknownInstrument = 1,
    NonPositivePrice = 2,
    Crossed = 3,
    NegativeSize = 4,
    /// <summary>Set by the feed (same sequence seen twice), never by <see cref="QuoteValidator"/>.</summary>
    Duplicate = 5,
    /// <summary>Set by the feed (sequence went backwards), never by <see cref="QuoteValidator"/>.</summary>
    OutOfOrder = 6,
    MissingField = 7,
}
