namespace Aegis.Domain.Quotes;

/// <summary>What a scenario engine does with a quote, in the order it checks (see <see cref="PreparedQuotes"/>).</summary>
public enum QuoteFate : byte
{
    /// <summary>Not one of the scenario's instruments.</summary>
    Ignored,

    /// <summary>Rejected by <see cref="QuoteValidator"/>.</summary>
    Invalid,

    /// <summary>Its sequence is not above the last one processed from its source.</summary>
    Duplicate,

    /// <summary>Processed (marked) outside the regular session, not shown to the strategy.</summary>
    OutOfSession,

    /// <summary>Processed and shown to the strategy.</summary>
    Tradable,
}
