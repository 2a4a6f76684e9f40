using Aegis.Domain.Instruments;

namespace Aegis.Domain.Scenarios.Engine;

/// <summary>What a scenario knows about one of its instruments: the touch, where it is in each
/// source's sequence, its resting orders, and what the current event has submitted.</summary>
internal sealed class InstrumentSlot(Instrument instrument)
{
    // Nearly always one source: two parallel arrays beat a dictionary on the per-quote path.
    private string[] _sources = [];
    private long[] _lastSequences = [];

    public Instrument Instrument { get; } = instrument;

    /// <summary>Sequence of the last processed quote of any source; −1 before the first.</summary>
    public long LastQuoteSequence { get; set; } = -1;

    public bool HasQuote => LastQuoteSequence >= 0;

    public decimal Bid { get; set; }

    public decimal Ask { get; set; }

    public long QuoteTimeUnixNs { get; set; }

    public RestingOrders Resting { get; } = new();

    /// <summary>Signed quantity submitted during the current event and not yet processed.</summary>
    public long PendingQuantity { get; set; }

    /// <summary>Last processed sequence of <paramref name="source"/>, <see cref="long.MinValue"/> if none.</summary>
    public long LastSequence(string source)
    {
        var sources = _sources;
        for (var i = 0; i < sources.Length; i++)
        {
            if (ReferenceEquals(sources[i], source) || string.Equals(sources[i], source, StringComparison.Ordinal))
            {
                return _lastSequences[i];
            }
        }

        return long.MinValue;
    }

    public void Advance(string source, long sequence)
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            if (ReferenceEquals(_sources[i], source) || string.Equals(_sources[i], source, StringComparison.Ordinal))
            {
                _lastSequences[i] = sequence;
                return;
            }
        }

        // Kept sorted by source so that snapshots list them in one order whatever order they appeared in.
        var at = 0;
        while (at < _sources.Length && string.CompareOrdinal(_sources[at], source) < 0)
        {
            at++;
        }

        _sources = [.. _sources[..at], source, .. _sources[at..]];
        _lastSequences = [.. _lastSequences[..at], sequence, .. _lastSequences[at..]];
    }

    public SourceSequence[] Sources()
    {
        var sources = new SourceSequence[_sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = new SourceSequence(_sources[i], _lastSequences[i]);
        }

        return sources;
    }
}
