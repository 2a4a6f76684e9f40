using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>
/// The bookkeeping of one feed's deliveries to one scenario, without the calls: what is queued, what
/// is out, what was dropped, and when to try again. The feed never waits for the scenario: its quotes
/// are in the tape before a publish is acknowledged, so when more than <c>maxQueuedQuotes</c> wait here
/// (the scenario is slow) the queue is dropped and only marks are kept: per source, the last dropped
/// sequence. The next delivery carries those marks and the scenario reads what it lacks from the tape,
/// in order. A delivery that fails or is not taken is dropped the same way. One delivery is out at a
/// time, so a stream's quotes reach the scenario in order. Not thread-safe: it lives in the feed's
/// activation, whose turns never overlap.
/// </summary>
public sealed class ScenarioDeliveryLedger
{
    private readonly string _instrumentId;
    private readonly int _maxQueuedQuotes;
    private readonly int _maxQuotesPerDelivery;
    private readonly TimeProvider _time;
    private readonly Queue<Queued> _queue = new();
    private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private Queued[] _out = [];

    // Marks (and the count of dropped quotes behind them) that the delivery out carries.
    private Dictionary<string, long> _outMarks = new(StringComparer.Ordinal);
    private long _outDroppedQuotes;
    private long _outOldestDroppedReceiveUnixNs;
    private long _droppedQuotes;
    private long _oldestDroppedReceiveUnixNs;
    private long _queuedQuotes;
    private int _failures;

    // The feed's watermark, and the one the scenario has taken; a new ledger announces it once even if it is none.
    private long _watermark = long.MinValue;
    private long _takenWatermark = long.MinValue;
    private long _outWatermark = long.MinValue;
    private bool _announced;
    private long _notBeforeTicks;

    public ScenarioDeliveryLedger(string instrumentId, int maxQueuedQuotes, int maxQuotesPerDelivery, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedQuotes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQuotesPerDelivery, 1);
        _instrumentId = instrumentId;
        _maxQueuedQuotes = maxQueuedQuotes;
        _maxQuotesPerDelivery = maxQuotesPerDelivery;
        _time = time;
    }

    /// <summary>A delivery is out and not answered yet.</summary>
    public bool IsOut => _out.Length > 0;

    /// <summary>Quotes waiting for the scenario: queued, out, or dropped for the tape.</summary>
    public long Backlog => _queuedQuotes + _droppedQuotes + _outDroppedQuotes + OutQuotes;

    /// <summary>Quotes dropped for the tape since the ledger was made (the scenario read them there).</summary>
    public long DroppedTotal { get; private set; }

    /// <summary>Whether anything (quotes or marks) waits to be sent.</summary>
    public bool HasWork => _queue.Count > 0 || _dropped.Count > 0 || _watermark > _takenWatermark || !_announced;

    /// <summary>How long to wait before the next delivery may go out (zero when it may go now).</summary>
    public TimeSpan Wait
    {
        get
        {
            var left = _notBeforeTicks - _time.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(left / (double)_time.TimestampFrequency);
        }
    }

    /// <summary>
    /// Queues accepted quotes. <paramref name="previous"/> gives, for each source among them, the feed's last
    /// accepted sequence before the first of them (<see cref="long.MinValue"/> when the feed had none).
    /// </summary>
    public void Enqueue(Quote[] quotes, StreamMark[] previous)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(previous);
        if (quotes.Length == 0)
        {
            return;
        }

        _queue.Enqueue(new Queued(quotes, previous));
        _queuedQuotes += quotes.Length;
        if (_queuedQuotes > _maxQueuedQuotes)
        {
            while (_queue.TryDequeue(out var queued))
            {
                Drop(queued.Quotes);
            }

            _queuedQuotes = 0;
        }
    }

    /// <summary>The scenario must reach these marks even if no quote follows (a new feed activation tells what the tape holds).</summary>
    public void Require(IEnumerable<StreamMark> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        foreach (var mark in marks)
        {
            Mark(mark.Source, mark.Sequence);
        }
    }

    /// <summary>Raises the feed's watermark (after queueing the quotes it covers).</summary>
    public void Advance(long watermarkUnixNs) => _watermark = Math.Max(_watermark, watermarkUnixNs);

    /// <summary>The next delivery carries the watermark even if nothing changed (a scenario's new activation asks).</summary>
    public void Announce() => _announced = false;

    /// <summary>The next delivery, or null when one is out, nothing waits, or it is too early to try again.</summary>
    public FeedDelivery? TakeNext()
    {
        if (IsOut || !HasWork || Wait > TimeSpan.Zero)
        {
            return null;
        }

        var taken = new List<Queued>();
        var quotes = 0;
        while (_queue.TryPeek(out var next) && (taken.Count == 0 || quotes + next.Quotes.Length <= _maxQuotesPerDelivery))
        {
            taken.Add(_queue.Dequeue());
            quotes += next.Quotes.Length;
        }

        _queuedQuotes -= quotes;
        var through = new Dictionary<string, long>(_dropped, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var queued in taken)
        {
            foreach (var mark in queued.Previous)
            {
                // The first batch of a source says where the stream must be before it; later ones follow it.
                if (seen.Add(mark.Source) && mark.Sequence != long.MinValue)
                {
                    through[mark.Source] = Math.Max(through.GetValueOrDefault(mark.Source, long.MinValue), mark.Sequence);
                }
            }
        }

        _outMarks = new Dictionary<string, long>(_dropped, StringComparer.Ordinal);
        _outDroppedQuotes = _droppedQuotes;
        _outOldestDroppedReceiveUnixNs = _oldestDroppedReceiveUnixNs;
        _dropped.Clear();
        _droppedQuotes = 0;
        _oldestDroppedReceiveUnixNs = 0;
        _out = [.. taken];
        var merged = taken.Count switch
        {
            0 => [],
            1 => taken[0].Quotes,
            _ => taken.SelectMany(t => t.Quotes).ToArray(),
        };

        _outWatermark = _watermark;
        _announced = true;
        return new FeedDelivery(_instrumentId, merged, [.. through.Select(t => new StreamMark(t.Key, t.Value))], _watermark);
    }

    /// <summary>The scenario answered. Quotes it did not take are dropped for the tape; the next delivery names them.</summary>
    public void Answered(DeliveryReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        _failures = 0;
        if (receipt.Taken)
        {
            _takenWatermark = Math.Max(_takenWatermark, _outWatermark);
            _notBeforeTicks = 0;
            ClearOut();
            return;
        }

        DropOut();
        _notBeforeTicks = receipt.RetryAfterMs > 0 ? After(TimeSpan.FromMilliseconds(receipt.RetryAfterMs)) : 0;
    }

    /// <summary>
    /// The call failed: the scenario's silo is away, the call timed out, or the scenario threw. Whether it
    /// processed the delivery is unknown, so it is dropped for the tape (the scenario dedupes what it already
    /// has) and the next attempt waits a little longer each time, up to 5 s.
    /// </summary>
    public void Failed()
    {
        DropOut();
        _notBeforeTicks = After(TransientCallRetry.DelayAfter(++_failures));
    }

    /// <summary>The scenario left the feed: everything is forgotten.</summary>
    public void Clear()
    {
        _queue.Clear();
        _dropped.Clear();
        _queuedQuotes = 0;
        _droppedQuotes = 0;
        _oldestDroppedReceiveUnixNs = 0;
        ClearOut();
        _announced = true;
        _takenWatermark = _watermark;
    }

    private int OutQuotes
    {
        get
        {
            var count = 0;
            foreach (var queued in _out)
            {
                count += queued.Quotes.Length;
            }

            return count;
        }
    }

    private void DropOut()
    {
        _announced = false;
        foreach (var (source, sequence) in _outMarks)
        {
            Mark(source, sequence);
        }

        _droppedQuotes += _outDroppedQuotes;
        if (_outOldestDroppedReceiveUnixNs != 0 && (_oldestDroppedReceiveUnixNs == 0 || _outOldestDroppedReceiveUnixNs < _oldestDroppedReceiveUnixNs))
        {
            _oldestDroppedReceiveUnixNs = _outOldestDroppedReceiveUnixNs;
        }

        foreach (var queued in _out)
        {
            Drop(queued.Quotes);
        }

        ClearOut();
    }

    private void ClearOut()
    {
        _out = [];
        _outMarks = new Dictionary<string, long>(StringComparer.Ordinal);
        _outDroppedQuotes = 0;
        _outOldestDroppedReceiveUnixNs = 0;
    }

    private void Drop(Quote[] quotes)
    {
        foreach (ref readonly var quote in quotes.AsSpan())
        {
            Mark(quote.Source, quote.Sequence);
        }

        if (_oldestDroppedReceiveUnixNs == 0 || quotes[0].ReceiveTimeUnixNs < _oldestDroppedReceiveUnixNs)
        {
            _oldestDroppedReceiveUnixNs = quotes[0].ReceiveTimeUnixNs;
        }

        _droppedQuotes += quotes.Length;
        DroppedTotal += quotes.Length;
    }

    private void Mark(string source, long sequence)
    {
        if (!_dropped.TryGetValue(source, out var known) || sequence > known)
        {
            _dropped[source] = sequence;
        }
    }

    /// <summary>Receive time (Unix ns) of the oldest quote waiting for the scenario; 0 when none waits.</summary>
    public long OldestWaitingReceiveUnixNs
    {
        get
        {
            var oldest = 0L;
            Consider(_oldestDroppedReceiveUnixNs);
            Consider(_outOldestDroppedReceiveUnixNs);
            Consider(_out.Length > 0 ? _out[0].Quotes[0].ReceiveTimeUnixNs : 0);
            Consider(_queue.TryPeek(out var first) ? first.Quotes[0].ReceiveTimeUnixNs : 0);
            return oldest;

            void Consider(long candidate)
            {
                if (candidate != 0 && (oldest == 0 || candidate < oldest))
                {
                    oldest = candidate;
                }
            }
        }
    }

    private long After(TimeSpan wait) => _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);

    private sealed record Queued(Quote[] Quotes, StreamMark[] Previous);
}
