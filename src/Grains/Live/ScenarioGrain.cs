using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.Grains.Live;

/// <summary>
/// One paper-trading scenario. Quotes go through the domain's <see cref="ScenarioEngine"/>; every
/// decision that did something is written to the decision journal before the feed acknowledges the
/// quotes that caused it, so no fill is lost in a crash. Processing and journaling are separate: a
/// batch is processed in one turn and answered at once, while its decisions commit in the background
/// (one append in flight, later decisions grouped into the next); the feed asks separately when they
/// are journaled, and re-sends the batches if this activation dies first. The engine itself is
/// snapshotted on a timer (the storage version column is an int: a write per quote would overflow it
/// and crawl), and on activation the journal after the snapshot is re-applied.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("live-scenario", StorageNames.Postgres)] IPersistentState<ScenarioState> state,
    InstrumentCatalog catalog,
    DecisionJournal journal,
    DecisionJournalWriter journalWriter,
    LiveLaneMetrics metrics,
    TimeProvider time,
    IOptions<LiveLaneOptions> options,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private static readonly TimeSpan JournalRetryDelay = TimeSpan.FromSeconds(1);

    // Tells the feeds' outboxes whether the decisions of batches they sent may have been lost with
    // an earlier activation.
    private readonly Guid _activation = Guid.NewGuid();

    // Decided but not yet handed to the journal writer.
    private readonly List<JournalEntry> _pending = [];

    // Handed to the writer as one append, outcome not yet known (true once committed). One append at
    // a time, so a failed append can never leave a gap before a later one that succeeded.
    private Task<bool>? _append;
    private long _durableSequence;
    private long _pendingSinceReceiveUnixNs;
    private long _journalRetryAtTicks;
    private ScenarioEngine? _engine;
    private long _decisionSequence;
    private long _quotesProcessed;
    private bool _dirty;
    private long _lastSnapshotTicks;
    private long _lastQuoteTimeUnixNs;

    private string ScenarioId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.SpecText is { } specText)
        {
            var spec = ScenarioSpecReader.Read(specText).Spec
                ?? throw new InvalidOperationException($"stored spec of scenario '{ScenarioId}' no longer parses");
            var strategy = CreateStrategy(spec);
            _engine = state.State.SnapshotJson is { } json
                ? ScenarioEngine.Restore(spec, catalog.Find, strategy, JsonSerializer.Deserialize<ScenarioSnapshot>(json, DomainJson.Options)!)
                : new ScenarioEngine(spec, catalog.Find, strategy);
            _decisionSequence = state.State.DecisionSequence;
            _quotesProcessed = state.State.QuotesProcessed;
            _lastQuoteTimeUnixNs = state.State.LastQuoteTimeUnixNs;

            // Decisions journaled after the snapshot: their fills are real, book them again.
            foreach (var entry in await journal.ReadAfterAsync(ScenarioId, _decisionSequence, cancellationToken))
            {
                _engine.ApplyJournaled(entry.Decision);
                _decisionSequence = entry.DecisionSequence;
                _dirty = true;
            }
        }

        _durableSequence = _decisionSequence;

        // Snapshots come due at a per-grain offset, so scenarios activated together do not all write together.
        var spread = options.Value.ScenarioSnapshotInterval * (this.GetGrainId().GetUniformHashCode() % 1000 / 1000.0);
        _lastSnapshotTicks = time.GetTimestamp() - (long)(spread.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(1) });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await TryFlushJournalAsync();
        await TrySnapshotAsync();
    }

    public async Task<ScenarioCommandResult> Create(string specText)
    {
        if (state.State.SpecText is not null)
        {
            return ScenarioCommandResult.Refused($"scenario '{ScenarioId}' already exists");
        }

        var read = ScenarioSpecReader.Read(specText);
        if (read.Spec is not { } spec)
        {
            return new ScenarioCommandResult(false, read.Errors, null);
        }

        if (spec.Id != ScenarioId)
        {
            return ScenarioCommandResult.Refused($"id: spec id '{spec.Id}' does not match scenario '{ScenarioId}'");
        }

        var unknown = spec.Instruments.Select((id, i) => (id, i)).Where(x => !catalog.Contains(x.id))
            .Select(x => $"instruments[{x.i}]: unknown instrument '{x.id}'").ToArray();
        if (unknown.Length > 0)
        {
            return ScenarioCommandResult.Refused(unknown);
        }

        var engine = new ScenarioEngine(spec, catalog.Find, CreateStrategy(spec));
        state.State.SpecText = specText;
        state.State.SnapshotJson = JsonSerializer.Serialize(engine.Snapshot(), DomainJson.Options);
        state.State.DecisionSequence = 0;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.SpecText = null;
            state.State.SnapshotJson = null;
            throw;
        }

        _engine = engine;
        foreach (var instrumentId in spec.Instruments.Distinct(StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrumentId).Subscribe(ScenarioId);
        }

        return ScenarioCommandResult.Ok(Summarize(_engine));
    }

    public Task<QuoteBatchReceipt> OnQuotes(QuoteBatch batch, Guid expectedActivation)
    {
        if (expectedActivation != Guid.Empty && expectedActivation != _activation)
        {
            return Task.FromResult(QuoteBatchReceipt.WrongActivation(_activation));
        }

        if (_engine is null)
        {
            return Task.FromResult(new QuoteBatchReceipt(_activation, true, 0, _decisionSequence, _durableSequence));
        }

        var quotes = batch.Quotes;
        var decided = 0;
        var throttledBefore = _engine.ThrottledOrders;
        foreach (var quote in quotes)
        {
            if (_engine.TryProcess(quote, out var decision))
            {
                _pending.Add(new JournalEntry(++_decisionSequence, decision!));
                decided++;
            }
        }

        _quotesProcessed += quotes.Length;
        if (quotes.Length > 0)
        {
            _lastQuoteTimeUnixNs = Math.Max(_lastQuoteTimeUnixNs, quotes[^1].ExchangeTimeUnixNs);
        }

        _dirty = true;
        metrics.Delivered(quotes.Length);
        if (_engine.ThrottledOrders > throttledBefore)
        {
            metrics.OrdersThrottled(_engine.ThrottledOrders - throttledBefore);
        }

        if (quotes.Length > 0)
        {
            // One clock read per batch; the oldest quote of the batch gives the worst latency in it.
            metrics.QuoteToDecision.Record(time.GetUtcNowUnixNs() - quotes[0].ReceiveTimeUnixNs);
        }

        if (decided > 0)
        {
            metrics.Decided(decided);
            if (_pending.Count == decided)
            {
                _pendingSinceReceiveUnixNs = quotes[0].ReceiveTimeUnixNs;
            }

            // After a failed commit the timer retries; starting an append per batch would hammer a database that is away.
            if (time.GetTimestamp() >= _journalRetryAtTicks)
            {
                StartAppend();
            }
        }

        return Task.FromResult(new QuoteBatchReceipt(_activation, true, decided > 0 ? _decisionSequence : 0, _decisionSequence, _durableSequence));
    }

    public async Task<JournalProgress> WaitJournaled(Guid activation, long decisionSequence)
    {
        if (activation == _activation && time.GetTimestamp() >= _journalRetryAtTicks)
        {
            await TryMakeDurableAsync(decisionSequence);
        }

        return new JournalProgress(_activation, _durableSequence);
    }

    public Task<ScenarioSummary?> GetSummary() => Task.FromResult(_engine is null ? null : Summarize(_engine));

    public async Task<ScenarioDetails?> GetDetails()
    {
        if (_engine is not { } engine)
        {
            return null;
        }

        IReadOnlyList<FillView> fills;
        try
        {
            fills = await journal.ReadRecentFillsAsync(ScenarioId, 20);
        }
        catch (NpgsqlException)
        {
            fills = [];
        }

        var marks = engine.Marks;
        var positions = engine.Positions.Select(p => new PositionView(p.InstrumentId, p.Quantity, p.AverageCost, p.RealizedPnl,
            marks.TryGetValue(p.InstrumentId, out var mark) ? mark : null)).ToArray();
        var orders = engine.OpenOrders.Select(o => new OrderView(o.Intent.ClientOrderId, o.Intent.InstrumentId, o.Intent.Side.ToString(),
            o.Intent.Quantity, o.Intent.Type.ToString(), o.Intent.LimitPrice, o.Intent.TimeInForce.ToString())).ToArray();
        return new ScenarioDetails(Summarize(engine), positions, orders, fills,
            new Dictionary<string, string>(engine.Spec.Parameters), engine.DuplicateQuotes, engine.ThrottledOrders);
    }

    public Task<ScenarioCommandResult> Pause() => ChangeStatusAsync(e => e.Pause(), "pause");

    public Task<ScenarioCommandResult> Resume() => ChangeStatusAsync(e => e.Resume(), "resume");

    public Task<ScenarioCommandResult> Halt(string reason) => ChangeStatusAsync(e => e.Halt(reason), "halt");

    public async Task<ScenarioCommandResult> Retire()
    {
        var result = await ChangeStatusAsync(e => e.Retire(), "retire");
        if (result.Succeeded && _engine is not null)
        {
            // Not awaited: a feed may be waiting on this grain right now, and awaiting it back would deadlock.
            foreach (var instrumentId in _engine.Spec.Instruments.Distinct(StringComparer.Ordinal))
            {
                _ = GrainFactory.GetGrain<IInstrumentFeedGrain>(instrumentId).Unsubscribe(ScenarioId);
            }
        }

        return result;
    }

    private async Task<ScenarioCommandResult> ChangeStatusAsync(Func<ScenarioEngine, bool> change, string verb)
    {
        if (_engine is not { } engine)
        {
            return ScenarioCommandResult.Refused($"unknown scenario '{ScenarioId}'");
        }

        if (!change(engine))
        {
            return ScenarioCommandResult.Refused($"cannot {verb} scenario '{ScenarioId}': it is {engine.Status.ToString().ToLowerInvariant()}");
        }

        // Status changes are not journaled decisions: persist them now so a crash cannot undo them.
        // If the database is away the change still holds in memory and the timer persists it later.
        _dirty = true;
        await TryFlushJournalAsync();
        await TrySnapshotAsync();
        return ScenarioCommandResult.Ok(Summarize(engine));
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await TryFlushJournalAsync();
        if (_dirty && time.GetElapsedTime(_lastSnapshotTicks) >= options.Value.ScenarioSnapshotInterval)
        {
            await TrySnapshotAsync();
        }
    }

    private Task TryFlushJournalAsync() => TryMakeDurableAsync(_decisionSequence);

    /// <summary>
    /// Waits until every decision up to <paramref name="sequence"/> is committed, starting appends as
    /// needed. False if the journal cannot be written now (database away): the decisions stay pending,
    /// the scenario keeps trading in memory, and the next flush retries them first.
    /// </summary>
    private async Task<bool> TryMakeDurableAsync(long sequence)
    {
        while (_durableSequence < sequence)
        {
            StartAppend();
            if (_append is not { } append || !await append)
            {
                return _durableSequence >= sequence;
            }
        }

        return true;
    }

    private void StartAppend()
    {
        if (_append is not null || _pending.Count == 0)
        {
            return;
        }

        var append = AppendPendingAsync();
        // A writer that has stopped fails the append before its first await; nothing is in flight then.
        _append = append.IsCompleted ? null : append;
    }

    private async Task<bool> AppendPendingAsync()
    {
        var entries = _pending.ToArray();
        var oldestReceiveUnixNs = _pendingSinceReceiveUnixNs;
        _pending.Clear();
        try
        {
            await journalWriter.AppendAsync(ScenarioId, entries);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _pending.InsertRange(0, entries);
            _pendingSinceReceiveUnixNs = oldestReceiveUnixNs;
            _journalRetryAtTicks = time.GetTimestamp() + (long)(JournalRetryDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            _append = null;
            LogJournalFailed(logger, ScenarioId, _pending.Count, ex.GetBaseException().Message);
            return false;
        }

        _durableSequence = entries[^1].DecisionSequence;
        _journalRetryAtTicks = 0;
        metrics.QuoteToDurableDecision.Record(time.GetUtcNowUnixNs() - oldestReceiveUnixNs);
        _append = null;
        // Decisions made while this append was in flight go together in the next one.
        StartAppend();
        return true;
    }

    private async Task TrySnapshotAsync()
    {
        // Never snapshot ahead of the journal: after a crash the journal is replayed on top of the snapshot.
        if (_engine is null || !_dirty || _pending.Count > 0 || _append is not null)
        {
            return;
        }

        // Quotes interleave with the write: the state is taken in this turn, and a quote processed
        // during the write marks the scenario dirty again for the next snapshot.
        state.State.SnapshotJson = JsonSerializer.Serialize(_engine.Snapshot(), DomainJson.Options);
        state.State.DecisionSequence = _decisionSequence;
        state.State.QuotesProcessed = _quotesProcessed;
        state.State.LastQuoteTimeUnixNs = _lastQuoteTimeUnixNs;
        _dirty = false;
        try
        {
            await state.WriteOwnedStateAsync();
            _lastSnapshotTicks = time.GetTimestamp();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _dirty = true;
            LogSnapshotFailed(logger, ScenarioId, ex.Message);
        }
    }

    private ScenarioSummary Summarize(ScenarioEngine engine) => new(
        engine.Spec.Id, engine.Spec.Name, engine.Spec.Strategy, engine.Status.ToString().ToLowerInvariant(), engine.HaltReason,
        engine.Spec.Instruments, engine.Cash, engine.RealizedPnl, engine.UnrealizedPnl, engine.Equity, engine.Commissions,
        engine.FillCount, engine.OpenOrders.Count, _quotesProcessed, _decisionSequence, _lastQuoteTimeUnixNs);

    private static IStrategy CreateStrategy(ScenarioSpec spec)
    {
        var created = StrategyFactory.Create(spec.Strategy, spec.Parameters);
        return created.Strategy ?? throw new InvalidOperationException(
            $"strategy of scenario '{spec.Id}' cannot be created: {string.Join("; ", created.Errors)}");
    }


    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId}: {Count} decisions not yet journaled, will retry: {Reason}")]
    private static partial void LogJournalFailed(ILogger logger, string scenarioId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId}: snapshot not written, will retry: {Reason}")]
    private static partial void LogSnapshotFailed(ILogger logger, string scenarioId, string reason);
}
