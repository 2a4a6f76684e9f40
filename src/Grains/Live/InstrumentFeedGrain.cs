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
/// One instrument's feed. Validates and deduplicates each batch, appends accepted quotes to the
/// tape, and forwards them to the watching scenarios — one grain call carries many quotes, which is
/// what lets deliveries exceed the grain-call rate. Each scenario has its own ordered outbox, so a
/// scenario waiting for its journal commit holds up only its own quotes; a publish is acknowledged
/// once every scenario has its batch. Reentrant for that reason: the next publish is validated and
/// queued while earlier ones are still being delivered. Everything order-sensitive in a publish
/// happens before its first await, so batches keep their arrival order. Counters and sequences are
/// persisted on a timer rather than per quote (only sequences already delivered everywhere);
/// subscriptions immediately.
/// </summary>
[Reentrant]
public sealed partial class InstrumentFeedGrain(
    [PersistentState("live-instrument-feed", StorageNames.Postgres)] IPersistentState<InstrumentFeedState> state,
    InstrumentCatalog catalog,
    QuoteTapeWriter tape,
    LiveLaneMetrics metrics,
    TimeProvider time,
    IOptions<LiveLaneOptions> options,
    ILogger<InstrumentFeedGrain> logger) : Grain, IInstrumentFeedGrain
{
    private readonly LiveLaneOptions _options = options.Value;
    private readonly RateMeter _rate = new();
    private Quote[] _recent = [];
    private long _recentCount;
    private readonly HashSet<PendingBatch> _undelivered = [];
    private readonly SemaphoreSlim _persisting = new(1, 1);
    private Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private ScenarioOutbox[] _outboxes = [];
    private Instrument? _instrument;
    private long _lastReceiveUnixNs;
    private bool _dirty;

    private string InstrumentId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instrument = catalog.Find(InstrumentId);
        _sequences = new Dictionary<string, long>(state.State.LastSequenceBySource, StringComparer.Ordinal);
        _recent = new Quote[Math.Max(1, _options.RecentQuotes)];

        RefreshSubscribers();
        // Spread over the interval by grain hash, so a few hundred feeds do not all write at once.
        var interval = _options.FeedPersistInterval;
        this.RegisterGrainTimer(PersistIfDirtyAsync, new GrainTimerCreationOptions
        {
            DueTime = interval + (interval * (this.GetGrainId().GetUniformHashCode() % 1000 / 1000.0)),
            Period = interval,
            Interleave = true,
        });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await PersistIfDirtyAsync(cancellationToken);

    public async Task<FeedPublishResult> Publish(QuoteBatch batch)
    {
        var quotes = batch.Quotes;
        if (quotes.Length == 0)
        {
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
            var pending = new PendingBatch(new QuoteBatch(accepted), _outboxes.Length);
            _undelivered.Add(pending);
            foreach (var outbox in _outboxes)
            {
                outbox.Enqueue(pending);
            }

            try
            {
                await tape.AppendAsync(new TapeEntry(accepted, samples is null ? [] : samples.ToArray()));
                var failed = await pending.Done;
                if (failed > 0)
                {
                    LogNotDelivered(logger, InstrumentId, count, failed);
                }
            }
            finally
            {
                _undelivered.Remove(pending);
            }
        }

        return new FeedPublishResult(count, duplicates, outOfOrder, rejected);
    }

    public async Task Subscribe(string scenarioId)
    {
        if (!state.State.Subscribers.Contains(scenarioId))
        {
            state.State.Subscribers.Add(scenarioId);
            RefreshSubscribers();
            await PersistAsync(CancellationToken.None);
        }
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
            .Select(id => existing.Remove(id, out var kept) ? kept : new ScenarioOutbox(id, GrainFactory.GetGrain<IScenarioGrain>(id), logger, time))
            .ToArray();
        foreach (var removed in existing.Values)
        {
            removed.Abandon();
        }
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

            // Sequences of batches still on their way are not persisted as seen: after a crash of this
            // silo their publisher sends them again, and they must not be dropped as duplicates then.
            state.State.LastSequenceBySource = DeliveredSequences();
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

    private Dictionary<string, long> DeliveredSequences()
    {
        var delivered = new Dictionary<string, long>(_sequences, StringComparer.Ordinal);
        foreach (var pending in _undelivered)
        {
            foreach (var quote in pending.Batch.Quotes)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {InstrumentId}: a batch of {Count} quotes did not reach {Failed} scenarios")]
    private static partial void LogNotDelivered(ILogger logger, string instrumentId, int count, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {InstrumentId}: could not persist state, will retry: {Reason}")]
    private static partial void LogPersistFailed(ILogger logger, string instrumentId, string reason);
}
