namespace Aegis.Domain.Quotes;

/// <summary>
/// Stateless sanity checks on a single quote. Sequence checks (duplicates, gaps, reordering) need
/// per-feed state and live in the feed and the scenario engine instead.
/// </summary>
public static class QuoteValidator
{
    /// <summary>Returns the first problem found, or <see cref="QuoteRejectReason.None"/>.</summary>
    public static QuoteRejectReason Validate(in Quote q)
    {
        if (string.IsNullOrEmpty(q.InstrumentId) || string.IsNullOrEmpty(q.Source))
        {
            return QuoteRejectReason.MissingField;
        }

        if (q.Bid <= 0m || q.Ask <= 0m)
        {
            return QuoteRejectReason.NonPositivePrice;
        }

        // A locked book (bid == ask) happens briefly on real venues and is tradable; crossed is not.
        if (q.Bid > q.Ask)
        {
            return QuoteRejectReason.Crossed;
        }

        if (q.BidSize < 0 || q.AskSize < 0)
        {
            return QuoteRejectReason.NegativeSize;
        }

        return QuoteRejectReason.None;
    }
}
