using System.Collections.Concurrent;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;

namespace Aegis.Domain.Quotes;

/// <summary>
/// One scenario's quotes (its instruments, merged in the order it takes them) with everything a fresh engine would
/// work out per quote computed once: whether the quote is ignored, invalid, a repeat of its source's sequence, out
/// of session or tradable; its mid; its trading day; and per instrument the tradable quotes a strategy is shown, with
/// their mids and the moving averages over them. Every parameter set of a sweep reads the same instance (it is
/// immutable apart from its thread-safe average cache), and the engine uses it to pass over stretches of quotes on
/// which nothing can happen in one step. The facts hold for an engine that starts with no quotes seen and takes the
/// quotes from the first one on, in order, which is how a backtest runs.
/// </summary>
public sealed class PreparedQuotes
{
    /// <summary>Bytes of moving averages one instance keeps for reuse; beyond it they are computed for each caller.</summary>
    public const long AverageCacheBytes = 256L * 1024 * 1024;

    private readonly QuoteFate[] _fates;
    private readonly int[] _slots;
    private readonly int[][] _tradableIndexes;
    private readonly int[][] _processedIndexes;
    private readonly int[][] _tradableBefore;
    private readonly int[][] _processedBefore;
    private readonly int[] _dayStarts;
    private readonly double[]?[] _tradableMids;
    private readonly double[]?[] _processedMids;
    private readonly ConcurrentDictionary<(int Slot, int Window), Lazy<double[]>> _averages = new();
    private long _cachedBytes;

    // Lean on purpose (about 21 bytes per quote, plus 8 per instrument for the counts that make every lookup O(1)): a
    // sweep keeps every day it runs over in memory, and on a VM every freshly touched page costs a fault. Mids in
    // decimals are taken from the quotes when needed.
    public PreparedQuotes(Quote[] quotes, IReadOnlyList<string> instruments, bool extendedHours, ExchangeCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(instruments);
        Quotes = quotes;
        Instruments = instruments;
        ExtendedHours = extendedHours;
        var session = (calendar ?? ExchangeCalendar.UsEquities).CreateCursor();
        var n = quotes.Length;
        _fates = new QuoteFate[n];
        _slots = new int[n];
        MidDoubles = new double[n];
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < instruments.Count; s++)
        {
            slotOf.TryAdd(instruments[s], s);
        }

        var streams = new StreamSequences(instruments.Count);
        var tradableCounts = new int[instruments.Count];
        var processedCounts = new int[instruments.Count];
        var dayStarts = new List<int>();
        var day = long.MinValue;
        string? lastInstrument = null;
        var lastSlot = -1;
        for (var i = 0; i < n; i++)
        {
            ref readonly var quote = ref quotes[i];
            int slot;
            if (ReferenceEquals(quote.InstrumentId, lastInstrument))
            {
                slot = lastSlot;
            }
            else
            {
                slot = quote.InstrumentId is not null && slotOf.TryGetValue(quote.InstrumentId, out var found) ? found : -1;
                (lastInstrument, lastSlot) = (quote.InstrumentId, slot);
            }

            var fate = slot < 0 ? QuoteFate.Ignored
                : QuoteValidator.Validate(quote) != QuoteRejectReason.None ? QuoteFate.Invalid
                : !streams.TryAdvance(slot, quote.Source, quote.Sequence) ? QuoteFate.Duplicate
                : QuoteFate.Tradable;
            _slots[i] = slot;
            if (fate == QuoteFate.Tradable)
            {
                MidDoubles[i] = (double)quote.Mid;
                var key = session.TradingDayKey(quote.ExchangeTimeUnixNs);
                if (key != day)
                {
                    day = key;
                    dayStarts.Add(i);
                }

                if (!extendedHours && session.GetPhase(quote.ExchangeTimeUnixNs) != SessionPhase.Regular)
                {
                    fate = QuoteFate.OutOfSession;
                }

                processedCounts[slot]++;
                tradableCounts[slot] += fate == QuoteFate.Tradable ? 1 : 0;
            }

            _fates[i] = fate;
        }

        SingleSourcePerInstrument = !streams.SeveralSources;
        _tradableIndexes = tradableCounts.Select(c => new int[c]).ToArray();
        _processedIndexes = processedCounts.Select(c => new int[c]).ToArray();
        _tradableBefore = tradableCounts.Select(_ => new int[n + 1]).ToArray();
        _processedBefore = processedCounts.Select(_ => new int[n + 1]).ToArray();
        Array.Clear(tradableCounts);
        Array.Clear(processedCounts);
        for (var i = 0; i < n; i++)
        {
            if (_fates[i] >= QuoteFate.OutOfSession)
            {
                var slot = _slots[i];
                _processedIndexes[slot][processedCounts[slot]++] = i;
                if (_fates[i] == QuoteFate.Tradable)
                {
                    _tradableIndexes[slot][tradableCounts[slot]++] = i;
                }
            }

            for (var slot = 0; slot < processedCounts.Length; slot++)
            {
                _processedBefore[slot][i + 1] = processedCounts[slot];
                _tradableBefore[slot][i + 1] = tradableCounts[slot];
            }
        }

        _dayStarts = [.. dayStarts];
        _tradableMids = new double[instruments.Count][];
        _processedMids = new double[instruments.Count][];
    }

    public Quote[] Quotes { get; }

    /// <summary>The instruments in slot order (the scenario spec's order).</summary>
    public IReadOnlyList<string> Instruments { get; }

    public bool ExtendedHours { get; }

    public int Count => Quotes.Length;

    /// <summary>False when an instrument has quotes from more than one source (the engine then takes every quote on its own).</summary>
    public bool SingleSourcePerInstrument { get; }

    /// <summary>One instrument from one source: every run of these quotes continues the same stream.</summary>
    public bool SingleStream => Instruments.Count == 1 && SingleSourcePerInstrument;

    /// <summary>The mid of every processed quote as a double (0 for the others), for approximate scans that are confirmed in decimals.</summary>
    public double[] MidDoubles { get; }

    public QuoteFate FateAt(int index) => _fates[index];

    /// <summary>The slot of the quote's instrument; −1 when the scenario does not trade it.</summary>
    public int SlotAt(int index) => _slots[index];

    /// <summary>Tradable quotes of <paramref name="slot"/> (what its strategy is shown), as indexes into <see cref="Quotes"/>.</summary>
    public ReadOnlySpan<int> TradableIndexes(int slot) => _tradableIndexes[slot];

    /// <summary>How many tradable quotes of <paramref name="slot"/> come before <paramref name="index"/>: the ordinal of the next one.</summary>
    public int TradableOrdinalAt(int slot, int index) => _tradableBefore[slot][index];

    /// <summary>How many processed quotes of <paramref name="slot"/> come before <paramref name="index"/>: the ordinal of the next one.</summary>
    public int ProcessedOrdinalAt(int slot, int index) => _processedBefore[slot][index];

    /// <summary>The index in <see cref="Quotes"/> of the processed quote of <paramref name="slot"/> at <paramref name="ordinal"/>.</summary>
    public int ProcessedIndex(int slot, int ordinal) => _processedIndexes[slot][ordinal];

    /// <summary>The first processed quote of <paramref name="slot"/> in [<paramref name="start"/>, <paramref name="end"/>); −1 when none.</summary>
    public int FirstProcessed(int slot, int start, int end)
    {
        var before = _processedBefore[slot];
        return before[start] < before[end] ? _processedIndexes[slot][before[start]] : -1;
    }

    /// <summary>The last processed quote of <paramref name="slot"/> in [<paramref name="start"/>, <paramref name="end"/>); −1 when none.</summary>
    public int LastProcessed(int slot, int start, int end)
    {
        var before = _processedBefore[slot];
        return before[start] < before[end] ? _processedIndexes[slot][before[end] - 1] : -1;
    }

    /// <summary>The first index after <paramref name="index"/> where a new trading day's quotes begin; <see cref="Count"/> when none.</summary>
    public int NextDayStart(int index)
    {
        var at = LowerBound(_dayStarts, index + 1);
        return at < _dayStarts.Length ? _dayStarts[at] : Count;
    }

    /// <summary>How many quotes of each fate [<paramref name="start"/>, <paramref name="end"/>) holds.</summary>
    public FateCounts CountFates(int start, int end)
    {
        // Nearly always a stretch of the session where every quote is tradable: one vectorised search says so.
        var fates = _fates.AsSpan(start, end - start);
        var first = fates.IndexOfAnyExcept(QuoteFate.Tradable);
        if (first < 0)
        {
            return default;
        }

        Span<int> counts = stackalloc int[5];
        foreach (var fate in fates[first..])
        {
            counts[(int)fate]++;
        }

        return new FateCounts(counts[(int)QuoteFate.Ignored], counts[(int)QuoteFate.Invalid], counts[(int)QuoteFate.Duplicate], counts[(int)QuoteFate.OutOfSession]);
    }

    /// <summary>
    /// The mean of the last <paramref name="window"/> tradable mids of <paramref name="slot"/> after each of them, computed
    /// with the arithmetic of the <see cref="RollingWindow"/> a strategy keeps, so every value equals what the strategy's own window gives.
    /// Shared by every caller while the cache has room.
    /// </summary>
    public double[] MovingAverages(int slot, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var key = (slot, window);
        if (_averages.TryGetValue(key, out var cached))
        {
            return cached.Value;
        }

        var bytes = (long)_tradableIndexes[slot].Length * sizeof(double);
        if (Interlocked.Add(ref _cachedBytes, bytes) > AverageCacheBytes)
        {
            Interlocked.Add(ref _cachedBytes, -bytes);
            return ComputeAverages(slot, window);
        }

        var lazy = _averages.GetOrAdd(key, k => new Lazy<double[]>(() => ComputeAverages(k.Slot, k.Window)));
        return lazy.Value;
    }

    private double[] ComputeAverages(int slot, int window)
    {
        var means = new double[_tradableIndexes[slot].Length];
        RollingWindow.Means(TradableMids(slot), window, means);
        return means;
    }

    /// <summary>Mids of the processed quotes of <paramref name="slot"/> (the marks), by processed ordinal, gathered once.</summary>
    public ReadOnlySpan<double> ProcessedMids(int slot) => Gather(_processedMids, _processedIndexes, slot);

    // The mids a slot's strategy is shown, gathered once for all the windows computed over them.
    private double[] TradableMids(int slot) => Gather(_tradableMids, _tradableIndexes, slot);

    private double[] Gather(double[]?[] cache, int[][] indexesBySlot, int slot)
    {
        lock (cache)
        {
            if (cache[slot] is { } known)
            {
                return known;
            }

            var indexes = indexesBySlot[slot];
            var mids = new double[indexes.Length];
            for (var k = 0; k < indexes.Length; k++)
            {
                mids[k] = MidDoubles[indexes[k]];
            }

            return cache[slot] = mids;
        }
    }

    // Where each (slot, source) stream is in its sequence: as the engine gates, a quote must be above the last one
    // processed from its source. Nearly always one source per slot, so one pair per slot and a dictionary for the rest.
    private sealed class StreamSequences(int slots)
    {
        private readonly string?[] _sources = new string?[slots];
        private readonly long[] _last = new long[slots];
        private readonly Dictionary<(int Slot, string Source), long> _more = [];

        public bool SeveralSources => _more.Count > 0;

        public bool TryAdvance(int slot, string source, long sequence)
        {
            if (_sources[slot] is null)
            {
                (_sources[slot], _last[slot]) = (source, sequence);
                return true;
            }

            if (ReferenceEquals(_sources[slot], source) || string.Equals(_sources[slot], source, StringComparison.Ordinal))
            {
                if (sequence <= _last[slot])
                {
                    return false;
                }

                _last[slot] = sequence;
                return true;
            }

            if (_more.TryGetValue((slot, source), out var last) && sequence <= last)
            {
                return false;
            }

            _more[(slot, source)] = sequence;
            return true;
        }
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
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
