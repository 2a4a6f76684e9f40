using Aegis.Domain.Quotes;

namespace Aegis.Domain.Replay;

/// <summary>
/// Holds quotes of several instruments until every feed has promised that nothing earlier will come,
/// then releases them in <see cref="ExchangeTimeOrder"/>. A feed's watermark W promises that all of its
/// quotes with exchange time ≤ W have been handed over; a feed that has promised nothing yet holds
/// everything back. So what is released, and in what order, depends only on the quotes, not on when
/// each feed's deliveries arrived: two runs of a replayed day process it identically. Not thread-safe.
/// </summary>
public sealed class WatermarkMerge
{
    private readonly Dictionary<string, long> _watermarks = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(string InstrumentId, string Source), List<Quote>> _held = new(StreamKeyComparer.Instance);

    /// <param name="instrumentIds">The instruments whose feeds are merged.</param>
    public WatermarkMerge(IEnumerable<string> instrumentIds)
    {
        ArgumentNullException.ThrowIfNull(instrumentIds);
        foreach (var id in instrumentIds)
        {
            _watermarks[id] = long.MinValue;
        }
    }

    /// <summary>Quotes held back.</summary>
    public int Held { get; private set; }

    /// <summary>Adds quotes of one instrument's feed, in the feed's order. A quote at or below the last one held of
    /// its stream is dropped: the same quotes can come twice (read back from the tape, then delivered), and a
    /// released group must hold each quote once, as the tape does when it is replayed.</summary>
    public void Add(ReadOnlySpan<Quote> quotes)
    {
        foreach (ref readonly var quote in quotes)
        {
            var key = (quote.InstrumentId, quote.Source);
            if (!_held.TryGetValue(key, out var stream))
            {
                _held[key] = stream = [];
            }

            if (stream.Count > 0 && quote.Sequence <= stream[^1].Sequence)
            {
                continue;
            }

            stream.Add(quote);
            Held++;
        }
    }

    /// <summary>Raises an instrument's watermark (a lower one is ignored: a promise is never taken back).</summary>
    public void Advance(string instrumentId, long watermarkUnixNs)
    {
        if (_watermarks.TryGetValue(instrumentId, out var known) && watermarkUnixNs > known)
        {
            _watermarks[instrumentId] = watermarkUnixNs;
        }
    }

    /// <summary>The last held sequence of a stream, if any is held.</summary>
    public bool TryGetLastHeld(string instrumentId, string source, out long sequence)
    {
        if (_held.TryGetValue((instrumentId, source), out var stream) && stream.Count > 0)
        {
            sequence = stream[^1].Sequence;
            return true;
        }

        sequence = long.MinValue;
        return false;
    }

    /// <summary>Takes every held quote at or before the lowest watermark, merged; empty when none is due.</summary>
    public Quote[] Release()
    {
        var due = long.MaxValue;
        foreach (var watermark in _watermarks.Values)
        {
            due = Math.Min(due, watermark);
        }

        if (Held == 0 || due == long.MinValue)
        {
            return [];
        }

        var parts = new List<ReadOnlyMemory<Quote>>();
        foreach (var stream in _held.Values)
        {
            // Each stream's due part is a prefix: it stays in sequence order even if its times step back.
            var take = 0;
            while (take < stream.Count && stream[take].ExchangeTimeUnixNs <= due)
            {
                take++;
            }

            if (take > 0)
            {
                parts.Add(stream.GetRange(0, take).ToArray());
                stream.RemoveRange(0, take);
                Held -= take;
            }
        }

        return parts.Count == 0 ? [] : ExchangeTimeOrder.Merge(parts);
    }

    /// <summary>Forgets everything held (an activation that stops: its feeds send it all again from the tape).</summary>
    public void Clear()
    {
        _held.Clear();
        Held = 0;
    }

    private sealed class StreamKeyComparer : IComparer<(string InstrumentId, string Source)>
    {
        public static readonly StreamKeyComparer Instance = new();

        public int Compare((string InstrumentId, string Source) x, (string InstrumentId, string Source) y)
        {
            var byInstrument = string.CompareOrdinal(x.InstrumentId, y.InstrumentId);
            return byInstrument != 0 ? byInstrument : string.CompareOrdinal(x.Source, y.Source);
        }
    }
}
