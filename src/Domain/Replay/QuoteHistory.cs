using Aegis.Domain.Quotes;

namespace Aegis.Domain.Replay;

/// <summary>
/// Quotes in memory, one sorted, duplicate-free array per (source, instrument): what a replay reads
/// its inputs' quotes from. Filled from the tape (which is at-least-once: repeated sequences are
/// dropped here) or from a dataset. An input's quotes are a slice found by binary search, no copy.
/// </summary>
public sealed class QuoteHistory : IInputQuotes
{
    private readonly Dictionary<(string Source, string InstrumentId), Quote[]> _streams = [];

    /// <summary>Quotes held, all streams together.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one stream's quotes (any order, repeats allowed); merges with what the stream already holds.</summary>
    public void Add(string source, string instrumentId, IEnumerable<Quote> quotes)
    {
        var key = (source, instrumentId);
        var merged = new List<Quote>(_streams.TryGetValue(key, out var existing) ? existing : []);
        merged.AddRange(quotes);
        merged.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var kept = 0;
        for (var i = 0; i < merged.Count; i++)
        {
            if (kept == 0 || merged[i].Sequence != merged[kept - 1].Sequence)
            {
                merged[kept++] = merged[i];
            }
        }

        merged.RemoveRange(kept, merged.Count - kept);
        Count += merged.Count - (existing?.Length ?? 0);
        _streams[key] = [.. merged];
    }

    /// <summary>Every stream held: its source, instrument and quotes in sequence order.</summary>
    public IEnumerable<(string Source, string InstrumentId, IReadOnlyList<Quote> Quotes)> Streams =>
        _streams.Select(s => (s.Key.Source, s.Key.InstrumentId, (IReadOnlyList<Quote>)s.Value));

    public ReadOnlySpan<Quote> GetQuotes(ScenarioInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!_streams.TryGetValue((input.Source, input.InstrumentId), out var stream))
        {
            throw new InputLogException($"input {input.InputSequence}: no quotes of {input.InstrumentId} from '{input.Source}' in the store");
        }

        var first = LowerBound(stream, input.FirstSequence);
        var end = LowerBound(stream, input.LastSequence + 1);
        if (end - first != input.QuoteCount)
        {
            throw new InputLogException(
                $"input {input.InputSequence}: the log recorded {input.QuoteCount} quotes of {input.InstrumentId} from '{input.Source}' " +
                $"with sequences {input.FirstSequence}..{input.LastSequence}, the store has {end - first}");
        }

        return stream.AsSpan(first, end - first);
    }

    private static int LowerBound(Quote[] stream, long sequence)
    {
        int low = 0, high = stream.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (stream[mid].Sequence < sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
