using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Live;

/// <summary>
/// One instrument's feed. Validates and deduplicates each batch, appends accepted quotes to the
/// tape, and forwards them to the watching scenarios as one batch per scenario — one grain call
/// carries many quotes, which is what lets deliveries exceed the grain-call rate. Counters and
/// sequences are persisted on a timer rather than per quote; subscriptions immediately.
/// </summary>
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
    private IScenarioGrain[] _subscribers = [];
    private Instrument? _instrument;
    private long _lastReceiveUnixNs;
    private bool _dirty;

    private string InstrumentId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _instrument = catalog.Find(InstrumentId);
        _recent = new Quote[Math.Max(1, _options.RecentQuotes)];

        RefreshSubscribers();
        // Spread over the interval by grain hash, so a few hundred feeds do not all write at once.
        var interval = _options.FeedPersistInterval;
        this.RegisterGrainTimer(PersistIfDirtyAsync, new GrainTimerCreationOptions
        {
            DueTime = interval + (interval * (this.GetGrainId().GetUniformHashCode() % 1000 / 1000.0)),
            Period = interval,
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
        var sequences = state.State.LastSequenceBySource;
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
            await tape.AppendAsync(new TapeEntry(accepted, samples is null ? [] : samples.ToArray()));
            state.State.Accepted += count;
            metrics.Accepted(count);
            var now = time.GetUtcNowUnixNs();
            _rate.Add(count, now);
            _lastReceiveUnixNs = now;
            await FanOutAsync(new QuoteBatch(accepted));
        }

        return new FeedPublishResult(count, duplicates, outOfOrder, rejected);
    }

    public async Task Subscribe(string scenarioId)
    {
        if (!state.State.Subscribers.Contains(scenarioId))
        {
            state.State.Subscribers.Add(scenarioId);
            RefreshSubscribers();
            await state.WriteOwnedStateAsync();
            _dirty = false;
        }
    }

    public async Task Unsubscribe(string scenarioId)
    {
        if (state.State.Subscribers.Remove(scenarioId))
        {
            RefreshSubscribers();
            await state.WriteOwnedStateAsync();
            _dirty = false;
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

    private async Task FanOutAsync(QuoteBatch batch)
    {
        var subscribers = _subscribers;
        if (subscribers.Length == 0)
        {
            return;
        }

        var calls = new Task[subscribers.Length];
        for (var i = 0; i < subscribers.Length; i++)
        {
            calls[i] = subscribers[i].OnQuotes(batch);
        }

        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One scenario failing must not stop the quotes reaching the others (they already have them).
            LogFanOutFailed(logger, InstrumentId, calls.Count(c => c.IsFaulted), ex.GetBaseException().Message);
        }
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

    private void RefreshSubscribers() =>
        _subscribers = state.State.Subscribers.Select(id => GrainFactory.GetGrain<IScenarioGrain>(id)).ToArray();

    private async Task PersistIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            if (_recentCount > 0)
            {
                state.State.LastQuote = ToView(_recent[(_recentCount - 1) % _recent.Length]);
            }

            await state.WriteOwnedStateAsync(cancellationToken);
            _dirty = false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Database away: keep going, the next tick writes the newer counters.
            LogPersistFailed(logger, InstrumentId, ex.GetBaseException().Message);
        }
    }


    private static QuoteView ToView(in Quote q) =>
        new(q.InstrumentId, q.Sequence, q.Bid, q.Ask, q.BidSize, q.AskSize, q.ExchangeTimeUnixNs, q.ReceiveTimeUnixNs, q.Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {InstrumentId}: {Failed} scenario deliveries failed: {Reason}")]
    private static partial void LogFanOutFailed(ILogger logger, string instrumentId, int failed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {InstrumentId}: could not persist state, will retry: {Reason}")]
    private static partial void LogPersistFailed(ILogger logger, string instrumentId, string reason);
}
