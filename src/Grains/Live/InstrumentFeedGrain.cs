using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Aegis.Grains.Live;

/// <summary>
/// One instrument's feed. Validates and deduplicates each batch, queues accepted quotes for each
/// watching scenario and appends them to the tape — one grain call carries many quotes, which is
/// what lets deliveries exceed the grain-call rate. A publish is acknowledged once its quotes are
/// committed to the tape and queued: never later, however slow a scenario is. Each scenario has its
/// own bounded outbox; one that falls behind has its queue dropped and reads what it lacks from the
/// tape (see <see cref="ScenarioDeliveryLedger"/>). Reentrant: the next publish is validated and
/// queued while earlier ones wait for the tape. Everything order-sensitive in a publish happens
/// before its first await, so batches keep their arrival order. Counters and sequences are persisted
/// on a timer rather than per quote (only sequences already in the tape); subscriptions immediately.
/// On activation the feed learns from the tape how far each source got, so quotes an earlier
/// activation acknowledged are neither taken again nor left undelivered.
/// </summary>
[Reentrant]
public sealed partial class InstrumentFeedGrain(
    [PersistentState(StorageNames.InstrumentFeed, StorageNames.Postgres)] IPersistentState<InstrumentFeedState> state,
    InstrumentCatalog catalog,
    QuoteTapeWriter tape,
    TapeProgress tapeProgress,
    LiveLaneMetrics metrics,
    TimeProvider time,
    IOptions<LiveLaneOptions> options,
    ILogger<InstrumentFeedGrain> logger) : Grain, IInstrumentFeedGrain
{
    private readonly LiveLaneOptions _options = options.Value;
    private readonly RateMeter _rate = new();
    private Quote[] _recent = [];
    private long _recentCount;
    private readonly HashSet<Quote[]> _untaped = [];
    private readonly SemaphoreSlim _persisting = new(1, 1);
    private Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private ScenarioOutbox[] _outboxes = [];
    private Instrument? _instrument;
    private long _lastReceiveUnixNs;

    // What the feed promises its scenarios (see FeedDelivery.WatermarkUnixNs); set by the publisher when it
    // gives one (then the reorder window no longer applies), else by the reorder window when configured.
    private long _watermark = long.MinValue;
    private bool _publisherWatermarks;
    private bool _dirty;

    private string InstrumentId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instrument = catalog.Find(InstrumentId);
        _sequences = new Dictionary<string, long>(state.State.LastSequenceBySource, StringComparer.Ordinal);
        _recent = new Quote[Math.Max(1, _options.RecentQuotes)];
        IReadOnlyDictionary<string, long> taped = new Dictionary<string, long>();
        if (_instrument is not null)
        {
            // The persisted sequences lag the tape by up to one persist interval, and an earlier activation
            // may have acknowledged quotes it never delivered: the tape is where each source really is.
            try
            {
                taped = await tapeProgress.ReadCommittedAsync(InstrumentId, cancellationToken);
            }
            catch (Npgsql.NpgsqlException ex)
            {
                // An outage, reported to the caller as one it retries (the driver's exception does not cross grain calls).
                throw new TimeoutException($"feed {InstrumentId} could not read the tape's positions: {ex.Message}");
            }
            foreach (var (source, sequence) in taped)
            {
                _sequences[source] = Math.Max(_sequences.GetValueOrDefault(source, long.MinValue), sequence);
            }
        }

        RefreshSubscribers();
        var marks = CurrentMarks();
        foreach (var outbox in _outboxes)
        {
            outbox.Require(marks);
        }

        // Spread over the interval by grain hash, so a few hundred feeds do not all write at once.
        var interval = _options.FeedPersistInterval;
        this.RegisterGrainTimer(OnTickAsync, new GrainTimerCreationOptions
        {
            DueTime = interval + (interval * (this.GetGrainId().GetUniformHashCode() % 1000 / 1000.0)),
            Period = interval,
            Interleave = true,
        });

        if (_options.ReorderWindow > TimeSpan.Zero)
        {
            // An idle feed still lets time pass: nothing older than the window will come any more.
            this.RegisterGrainTimer(_ => AdvanceByClock(), new GrainTimerCreationOptions { DueTime = _options.ReorderWindow, Period = _options.ReorderWindow, Interleave = true });
        }
    }

    public Task Advance(long watermarkUnixNs)
    {
        _publisherWatermarks = true;
        RaiseWatermark(watermarkUnixNs);
        return Task.CompletedTask;
    }

    private Task AdvanceByClock()
    {
        if (!_publisherWatermarks)
        {
            RaiseWatermark(time.GetUtcNowUnixNs() - (_options.ReorderWindow.Ticks * 100));
        }

        return Task.CompletedTask;
    }

    private void RaiseWatermark(long watermarkUnixNs)
    {
        if (watermarkUnixNs <= _watermark)
        {
            return;
        }

        _watermark = watermarkUnixNs;
        foreach (var outbox in _outboxes)
        {
            outbox.Advance(watermarkUnixNs);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var outbox in _outboxes)
        {
            metrics.ForgetLag(outbox.ScenarioId, InstrumentId);
        }

        await PersistIfDirtyAsync(cancellationToken);
    }

    private Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNowUnixNs();
        foreach (var outbox in _outboxes)
        {
            var ledger = outbox.Ledger;
            var oldest = ledger.OldestWaitingReceiveUnixNs;
            metrics.ReportLag(outbox.ScenarioId, InstrumentId, ledger.Backlog, oldest == 0 ? 0 : Math.Max(0, (now - oldest) / 1e9));
        }

        return PersistIfDirtyAsync(cancellationToken);
    }

    public async Task<FeedPublishResult> Publish(QuoteBatch batch)
    {
        var quotes = batch.Quotes;
        if (quotes.Length == 0)
        {
            if (batch.WatermarkUnixNs != long.MinValue)
            {
                await Advance(batch.WatermarkUnixNs);
            }

            return new FeedPublishResult(0, 0, 0, 0);
        }

        if (_instrument is null)
        {
            Reject(QuoteRejectReason.UnknownInstrument, quotes.Length);
            return new FeedPublishResult(0, 0, 0, quotes.Length);
        }

        var accepted = new Quote[quotes.Length];
        List<Quote>? samples = null;
        int count = 0, duplicates = 0, outOfOrder = 0, rejected = 0;
        var sampleIntervalNs = _options.SampleInterval.Ticks * 100;
        var sequences = _sequences;
        string? source = null;
        var lastSequence = long.MinValue;
        List<StreamMark>? previous = null;
        foreach (var quote in quotes)
        {
            var reason = quote.InstrumentId == InstrumentId ? QuoteValidator.Validate(quote) : QuoteRejectReason.UnknownInstrument;
            if (reason != QuoteRejectReason.None)
            {
                Reject(reason, 1);
                rejected++;
                continue;
            }

            // A batch nearly always comes from one source: look its sequence up once, not per quote.
            if (!ReferenceEquals(quote.Source, source) && quote.Source != source)
            {
                if (source is not null)
                {
                    sequences[source] = lastSequence;
                }

                source = quote.Source;
                lastSequence = sequences.GetValueOrDefault(source, long.MinValue);
                if (previous is null || !previous.Exists(p => p.Source == quote.Source))
                {
                    // Where the scenarios must be in this stream before these quotes.
                    (previous ??= []).Add(new StreamMark(source, lastSequence));
                }
            }

            if (quote.Sequence <= lastSequence)
            {
                if (quote.Sequence == lastSequence)
                {
                    duplicates++;
                }
                else
                {
                    outOfOrder++;
                }

                continue;
            }

            lastSequence = quote.Sequence;
            accepted[count++] = quote;
            var lastSample = state.State.LastSampleExchangeTimeUnixNs;
            if (lastSample == long.MinValue || quote.ExchangeTimeUnixNs - lastSample >= sampleIntervalNs)
            {
                state.State.LastSampleExchangeTimeUnixNs = quote.ExchangeTimeUnixNs;
                state.State.SamplesTaken++;
                (samples ??= []).Add(quote);
            }
        }

        if (source is not null)
        {
            sequences[source] = lastSequence;
        }

        state.State.Duplicates += duplicates;
        state.State.OutOfOrder += outOfOrder;
        _dirty = true;
        if (count > 0)
        {
            if (count < accepted.Length)
            {
                Array.Resize(ref accepted, count);
            }

            Remember(accepted);
            state.State.Accepted += count;
            metrics.Accepted(count);
            var now = time.GetUtcNowUnixNs();
            _rate.Add(count, now);
            _lastReceiveUnixNs = now;

            // Queued to every outbox before the first await: the next publish cannot overtake this one.
            // The watermark travels with the quotes it covers, in the same delivery: never ahead of them.
            if (batch.WatermarkUnixNs != long.MinValue)
            {
                _publisherWatermarks = true;
                _watermark = Math.Max(_watermark, batch.WatermarkUnixNs);
            }
            else if (_options.ReorderWindow > TimeSpan.Zero && !_publisherWatermarks)
            {
                _watermark = Math.Max(_watermark, MaxExchangeTime(accepted) - (_options.ReorderWindow.Ticks * 100));
            }

            var marks = previous!.ToArray();
            foreach (var outbox in _outboxes)
            {
                outbox.Enqueue(accepted, marks, _watermark);
            }

            _untaped.Add(accepted);
            try
            {
                await tape.AppendAsync(new TapeEntry(accepted, samples is null ? [] : samples.ToArray()));
            }
            finally
            {
                _untaped.Remove(accepted);
            }
        }

        if (count == 0 && batch.WatermarkUnixNs != long.MinValue)
        {
            _publisherWatermarks = true;
            RaiseWatermark(batch.WatermarkUnixNs);
        }

        return new FeedPublishResult(count, duplicates, outOfOrder, rejected);
    }

    public async Task<StreamMark[]> Subscribe(string scenarioId)
    {
        // Taken in the same turn as the outbox is made: every quote after these marks goes to the scenario.
        var marks = CurrentMarks();
        if (!state.State.Subscribers.Contains(scenarioId))
        {
            state.State.Subscribers.Add(scenarioId);
            RefreshSubscribers();
            await PersistAsync(CancellationToken.None);
        }

        return marks;
    }

    private StreamMark[] CurrentMarks() =>
        _sequences.Where(s => s.Value != long.MinValue).Select(s => new StreamMark(s.Key, s.Value)).ToArray();

    private static long MaxExchangeTime(Quote[] quotes)
    {
        var max = long.MinValue;
        foreach (ref readonly var quote in quotes.AsSpan())
        {
            max = Math.Max(max, quote.ExchangeTimeUnixNs);
        }

        return max;
    }

    public Task Resync(string scenarioId)
    {
        var marks = CurrentMarks();
        foreach (var outbox in _outboxes)
        {
            if (outbox.ScenarioId == scenarioId)
            {
                outbox.Require(marks);
            }
        }

        return Task.CompletedTask;
    }

    public Task<FeedLag> GetLag(string scenarioId)
    {
        var ledger = Array.Find(_outboxes, o => o.ScenarioId == scenarioId)?.Ledger;
        return Task.FromResult(ledger is null || ledger.Backlog == 0
            ? new FeedLag(InstrumentId, 0, 0)
            : new FeedLag(InstrumentId, ledger.Backlog, ledger.OldestWaitingReceiveUnixNs));
    }

    public async Task Unsubscribe(string scenarioId)
    {
        if (state.State.Subscribers.Remove(scenarioId))
        {
            RefreshSubscribers();
            await PersistAsync(CancellationToken.None);
        }
    }

    public Task<FeedStatus> GetStatus()
    {
        var now = time.GetUtcNowUnixNs();
        var s = state.State;
        var last = _recentCount > 0 ? ToView(_recent[(_recentCount - 1) % _recent.Length]) : s.LastQuote;
        return Task.FromResult(new FeedStatus(
            InstrumentId, _instrument is not null, last, s.Accepted, s.Duplicates, s.OutOfOrder,
            new Dictionary<string, long>(s.RejectedByReason), s.Subscribers.Count, _rate.PerSecond(now),
            _lastReceiveUnixNs == 0 ? null : (now - _lastReceiveUnixNs) / 1e9, s.SamplesTaken));
    }

    public Task<IReadOnlyList<QuoteView>> GetRecentQuotes(int count)
    {
        var available = (int)Math.Min(_recentCount, _recent.Length);
        var take = Math.Clamp(count, 0, available);
        var views = new QuoteView[take];
        for (var i = 0; i < take; i++)
        {
            views[i] = ToView(_recent[(_recentCount - take + i) % _recent.Length]);
        }

        if (views.Length == 0 && count > 0 && state.State.LastQuote is { } persisted)
        {
            return Task.FromResult<IReadOnlyList<QuoteView>>([persisted]);
        }

        return Task.FromResult<IReadOnlyList<QuoteView>>(views);
    }

    // A ring of structs: no allocation per quote; views are made only when someone asks.
    private void Remember(Quote[] accepted)
    {
        var start = Math.Max(0, accepted.Length - _recent.Length);
        for (var i = start; i < accepted.Length; i++)
        {
            _recent[_recentCount++ % _recent.Length] = accepted[i];
        }
    }

    private void Reject(QuoteRejectReason reason, int count)
    {
        var name = reason.ToString();
        state.State.RejectedByReason[name] = state.State.RejectedByReason.GetValueOrDefault(name) + count;
        metrics.QuotesRejected(count, name);
        _dirty = true;
    }

    // Outboxes of scenarios still subscribed are kept with whatever they have queued.
    private void RefreshSubscribers()
    {
        var existing = _outboxes.ToDictionary(o => o.ScenarioId, StringComparer.Ordinal);
        _outboxes = state.State.Subscribers
            .Select(id => existing.Remove(id, out var kept) ? kept : NewOutbox(id))
            .ToArray();
        foreach (var removed in existing.Values)
        {
            removed.Abandon();
            metrics.ForgetLag(removed.ScenarioId, InstrumentId);
        }
    }

    private ScenarioOutbox NewOutbox(string scenarioId)
    {
        var ledger = new ScenarioDeliveryLedger(InstrumentId, _options.MaxQueuedQuotesPerScenario, _options.MaxQuotesPerDelivery, time);
        ledger.Advance(_watermark);
        var outbox = new ScenarioOutbox(scenarioId, GrainFactory.GetGrain<IScenarioGrain>(scenarioId), ledger, logger, time);
        outbox.Require([]);
        return outbox;
    }

    private async Task PersistIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await PersistAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Database away: keep going, the next tick writes the newer counters.
            LogPersistFailed(logger, InstrumentId, ex.GetBaseException().Message);
        }
    }

    // Publishes interleave with a write in progress, so writes take turns and _dirty is cleared before
    // writing: a publish during the write marks the state dirty again for the next tick.
    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        await _persisting.WaitAsync(cancellationToken);
        try
        {
            _dirty = false;
            if (_recentCount > 0)
            {
                state.State.LastQuote = ToView(_recent[(_recentCount - 1) % _recent.Length]);
            }

            // Sequences of batches not yet in the tape are not persisted as seen: after a crash of this
            // silo their publisher sends them again, and they must not be dropped as duplicates then.
            state.State.LastSequenceBySource = TapedSequences();
            await state.WriteOwnedStateAsync(cancellationToken);
        }
        catch
        {
            _dirty = true;
            throw;
        }
        finally
        {
            _persisting.Release();
        }
    }

    private Dictionary<string, long> TapedSequences()
    {
        var delivered = new Dictionary<string, long>(_sequences, StringComparer.Ordinal);
        foreach (var untaped in _untaped)
        {
            foreach (var quote in untaped)
            {
                if (quote.Sequence - 1 < delivered.GetValueOrDefault(quote.Source, long.MaxValue))
                {
                    delivered[quote.Source] = quote.Sequence - 1;
                }
            }
        }

        return delivered;
    }

    private static QuoteView ToView(in Quote q) =>
        new(q.InstrumentId, q.Sequence, q.Bid, q.Ask, q.BidSize, q.AskSize, q.ExchangeTimeUnixNs, q.ReceiveTimeUnixNs, q.Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {InstrumentId}: could not persist state, will retry: {Reason}")]
    private static partial void LogPersistFailed(ILogger logger, string instrumentId, string reason);
}
