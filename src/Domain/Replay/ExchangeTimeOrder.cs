using Aegis.Domain.Quotes;

namespace Aegis.Domain.Replay;

/// <summary>
/// The one rule that puts quotes of several streams into a single order: exchange time, then
/// instrument, then source (ordinal), then sequence. Each stream keeps its own sequence order: the
/// merge takes the stream whose next quote comes first by the rule, so a stream whose exchange times
/// step back is never reordered within itself (its later quotes would be dropped as repeats). Live
/// merging, the replay of a merged input group and the backtest engine all use it, so a recorded day
/// replays in the order it was processed.
/// </summary>
public static class ExchangeTimeOrder
{
    /// <summary>Negative when <paramref name="a"/> comes first.</summary>
    public static int Compare(in Quote a, in Quote b)
    {
        var byTime = a.ExchangeTimeUnixNs.CompareTo(b.ExchangeTimeUnixNs);
        if (byTime != 0)
        {
            return byTime;
        }

        var byInstrument = string.CompareOrdinal(a.InstrumentId, b.InstrumentId);
        if (byInstrument != 0)
        {
            return byInstrument;
        }

        var bySource = string.CompareOrdinal(a.Source, b.Source);
        return bySource != 0 ? bySource : a.Sequence.CompareTo(b.Sequence);
    }

    /// <summary>Merges streams (each in its own sequence order) into one array by <see cref="Compare"/>.</summary>
    public static Quote[] Merge(IReadOnlyList<ReadOnlyMemory<Quote>> streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        var total = 0;
        foreach (var stream in streams)
        {
            total += stream.Length;
        }

        var merged = new Quote[total];
        if (streams.Count == 1)
        {
            streams[0].Span.CopyTo(merged);
            return merged;
        }

        // A handful of streams per scenario: a linear scan of the heads beats a heap.
        var heads = new int[streams.Count];
        for (var at = 0; at < total; at++)
        {
            var best = -1;
            for (var s = 0; s < streams.Count; s++)
            {
                if (heads[s] < streams[s].Length
                    && (best < 0 || Compare(streams[s].Span[heads[s]], streams[best].Span[heads[best]]) < 0))
                {
                    best = s;
                }
            }

            merged[at] = streams[best].Span[heads[best]++];
        }

        return merged;
    }
}
