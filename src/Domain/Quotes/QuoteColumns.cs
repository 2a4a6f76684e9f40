namespace Aegis.Domain.Quotes;

/// <summary>
/// One decoded quote partition (one symbol, one day) as columns, in the partition's order: exchange time, then
/// source, then sequence. Decoded once and shared by every parameter set a sweep runs over it.
/// </summary>
public sealed class QuoteColumns
{
    public QuoteColumns(string instrumentId, long[] exchangeTimesUnixNs, string[] sources, long[] sequences, decimal[] bids, decimal[] asks, long[] bidSizes, long[] askSizes)
    {
        ArgumentException.ThrowIfNullOrEmpty(instrumentId);
        var count = exchangeTimesUnixNs.Length;
        if (new[] { sources.Length, sequences.Length, bids.Length, asks.Length, bidSizes.Length, askSizes.Length }.Any(l => l != count))
        {
            throw new ArgumentException("every column must have as many rows as the exchange times");
        }

        InstrumentId = instrumentId;
        ExchangeTimesUnixNs = exchangeTimesUnixNs;
        Sources = sources;
        Sequences = sequences;
        Bids = bids;
        Asks = asks;
        BidSizes = bidSizes;
        AskSizes = askSizes;
    }

    public string InstrumentId { get; }

    public int Count => ExchangeTimesUnixNs.Length;

    public long[] ExchangeTimesUnixNs { get; }

    public string[] Sources { get; }

    public long[] Sequences { get; }

    public decimal[] Bids { get; }

    public decimal[] Asks { get; }

    public long[] BidSizes { get; }

    public long[] AskSizes { get; }

    /// <summary>Row <paramref name="i"/> as a domain quote; received at its exchange time, as in a replay.</summary>
    public Quote this[int i] => new(InstrumentId, Bids[i], Asks[i], BidSizes[i], AskSizes[i], ExchangeTimesUnixNs[i], ExchangeTimesUnixNs[i], Sources[i], Sequences[i]);

    /// <summary>The columns of <paramref name="quotes"/> of one instrument, sorted by exchange time, then source, then sequence.</summary>
    public static QuoteColumns From(string instrumentId, IEnumerable<Quote> quotes)
    {
        var sorted = quotes.OrderBy(q => q.ExchangeTimeUnixNs).ThenBy(q => q.Source, StringComparer.Ordinal).ThenBy(q => q.Sequence).ToArray();
        if (sorted.FirstOrDefault(q => q.InstrumentId != instrumentId) is { InstrumentId: not null } stray)
        {
            throw new ArgumentException($"a quote of {stray.InstrumentId} among the quotes of {instrumentId}", nameof(quotes));
        }

        return new QuoteColumns(instrumentId, sorted.Select(q => q.ExchangeTimeUnixNs).ToArray(), sorted.Select(q => q.Source).ToArray(),
            sorted.Select(q => q.Sequence).ToArray(), sorted.Select(q => q.Bid).ToArray(), sorted.Select(q => q.Ask).ToArray(),
            sorted.Select(q => q.BidSize).ToArray(), sorted.Select(q => q.AskSize).ToArray());
    }
}
