using System.Collections.Concurrent;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Shadow.Persistence;

/// <summary>
/// The tape as the twins of one shadow silo read it: per stream, the quotes read so far are kept in memory as a run
/// of chunks, so that the twins of scenarios watching the same instrument, which follow their logs at about the same
/// pace, have the database read and the silo decode each quote once rather than once per twin. Reads return
/// exactly what <see cref="TapeReader.ReadAsync"/> would.
/// </summary>
/// <remarks>
/// The tape is append-only, but its blocks may commit out of sequence order, so a range read from memory could lack
/// a quote committed after that range was first read. The input log says how many quotes each input had: a stream
/// whose quotes in memory do not match every input's count is read again from the database, and its memory
/// replaced. The oldest chunks are dropped beyond the configured number of quotes.
/// </remarks>
public sealed class SharedTapeCache(TapeReader tape, IOptions<ShadowLaneOptions> options)
{
    private readonly ConcurrentDictionary<(string Source, string InstrumentId), Stream> _streams = new();
    private readonly Lock _evicting = new();
    private long _held;
    private long _clock;
    private long _hits;
    private long _reads;

    /// <summary>Stream ranges served from memory and ranges read from the database, since the silo started.</summary>
    public (long Hits, long Reads) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _reads));

    /// <summary>Every tape quote in the sequence ranges the quote inputs of <paramref name="inputs"/> cover.</summary>
    public async Task<QuoteHistory> ReadAsync(IReadOnlyList<ScenarioInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ranges = new Dictionary<(string Source, string InstrumentId), (long First, long Last)>();
        foreach (var input in inputs)
        {
            if (input.Kind == InputKind.Quotes)
            {
                var key = (input.Source, input.InstrumentId);
                ranges[key] = ranges.TryGetValue(key, out var range)
                    ? (Math.Min(range.First, input.FirstSequence), Math.Max(range.Last, input.LastSequence))
                    : (input.FirstSequence, input.LastSequence);
            }
        }

        var history = new QuoteHistory();
        foreach (var (key, (first, last)) in ranges)
        {
            var stream = _streams.GetOrAdd(key, _ => new Stream());
            var quotes = await stream.ReadAsync(this, key, first, last, cancellationToken);
            if (!Covers(quotes, inputs, key))
            {
                // Something committed after this range was first read: the database has it, memory does not.
                quotes = await stream.ReloadAsync(this, key, first, last, cancellationToken);
            }

            history.Add(key.Source, key.InstrumentId, quotes);
        }

        Trim();
        return history;
    }

    // Whether the quotes hold exactly as many quotes of every input of the stream as the log recorded.
    private static bool Covers(Quote[] quotes, IReadOnlyList<ScenarioInput> inputs, (string Source, string InstrumentId) key)
    {
        foreach (var input in inputs)
        {
            if (input.Kind == InputKind.Quotes && input.Source == key.Source && input.InstrumentId == key.InstrumentId
                && LowerBound(quotes, input.LastSequence + 1) - LowerBound(quotes, input.FirstSequence) != input.QuoteCount)
            {
                return false;
            }
        }

        return true;
    }

    private static int LowerBound(Quote[] quotes, long sequence)
    {
        int low = 0, high = quotes.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (quotes[middle].Sequence < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private async Task<Quote[]> ReadTapeAsync((string Source, string InstrumentId) key, long after, long through, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return await tape.ReadRangeAsync(key.Source, key.InstrumentId, after, through, int.MaxValue, cancellationToken);
    }

    // Beyond capacity, drops the least recently used chunks, oldest first in each stream, down to nine tenths of it.
    private void Trim()
    {
        var capacity = options.Value.TapeCacheQuotes;
        if (Interlocked.Read(ref _held) <= capacity)
        {
            return;
        }

        lock (_evicting)
        {
            var target = capacity * 9 / 10;
            foreach (var stream in _streams.Values.OrderBy(s => s.LastUsed))
            {
                while (Interlocked.Read(ref _held) > target && stream.DropOldest() is var dropped and > 0)
                {
                    Interlocked.Add(ref _held, -dropped);
                }
            }
        }
    }

    /// <summary>One stream's quotes in memory: contiguous chunks covering sequences (Lo - 1, Hi], each sorted and duplicate-free.</summary>
    private sealed class Stream
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly List<(long After, long Through, Quote[] Quotes)> _chunks = [];

        public long LastUsed { get; private set; }

        public async Task<Quote[]> ReadAsync(SharedTapeCache cache, (string, string) key, long first, long last, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                LastUsed = Interlocked.Increment(ref cache._clock);
                if (_chunks.Count == 0 || first <= _chunks[0].After)
                {
                    Replace(cache, [(first - 1, last, await cache.ReadTapeAsync(key, first - 1, last, cancellationToken))]);
                }
                else if (last > _chunks[^1].Through)
                {
                    var after = _chunks[^1].Through;
                    var quotes = await cache.ReadTapeAsync(key, after, last, cancellationToken);
                    _chunks.Add((after, last, quotes));
                    Interlocked.Add(ref cache._held, quotes.Length);
                }
                else
                {
                    Interlocked.Increment(ref cache._hits);
                }

                return Slice(first, last);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<Quote[]> ReloadAsync(SharedTapeCache cache, (string, string) key, long first, long last, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var quotes = await cache.ReadTapeAsync(key, first - 1, last, cancellationToken);
                Replace(cache, [(first - 1, last, quotes)]);
                return quotes;
            }
            finally
            {
                _gate.Release();
            }
        }

        public int DropOldest()
        {
            if (!_gate.Wait(0))
            {
                return 0; // in use: another time
            }

            try
            {
                if (_chunks.Count == 0)
                {
                    return 0;
                }

                var dropped = _chunks[0].Quotes.Length;
                _chunks.RemoveAt(0);
                return dropped;
            }
            finally
            {
                _gate.Release();
            }
        }

        private void Replace(SharedTapeCache cache, List<(long, long, Quote[])> chunks)
        {
            Interlocked.Add(ref cache._held, chunks.Sum(c => c.Item3.Length) - _chunks.Sum(c => c.Quotes.Length));
            _chunks.Clear();
            _chunks.AddRange(chunks);
        }

        private Quote[] Slice(long first, long last)
        {
            var slice = new List<Quote>();
            foreach (var (after, through, quotes) in _chunks)
            {
                if (through < first || after >= last)
                {
                    continue;
                }

                for (var i = LowerBound(quotes, first); i < quotes.Length && quotes[i].Sequence <= last; i++)
                {
                    slice.Add(quotes[i]);
                }
            }

            return [.. slice];
        }
    }
}
