using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;

namespace Aegis.Grains.Live;

/// <summary>
/// One paper-trading scenario. Everything it processes is an input: each run of quotes of one
/// stream a feed delivers, each operator command. The domain's <see cref="ScenarioRunner"/> turns
/// inputs into decisions; the inputs (the input log) and the decisions they caused commit together
/// to the journal, inputs first and only once the tape holds their quotes. Processing and
/// journaling are separate: a delivery is processed in one turn and answered at once, while its
/// inputs and decisions commit in the background (one append in flight, later ones grouped into the
/// next). Feeds never wait for a scenario: one that is behind a delivery's marks (its feed dropped
/// quotes it could not take in time, or an earlier activation lost them) reads the missing quotes
/// from the tape first, a bounded piece per delivery, in order. The engine is snapshotted on a timer;
/// on activation the inputs logged after the snapshot are replayed through the same engine and every
/// decision is checked against the journal, so a recovered scenario is exactly the one that crashed.
/// A mismatch halts it with both sides in the reason.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState(StorageNames.Scenario, StorageNames.Postgres)] IPersistentState<ScenarioState> state,
    InstrumentCatalog catalog,
    StrategyCatalog strategies,
    DecisionJournal journal,
    DecisionJournalWriter journalWriter,
    ScenarioSpecs specs,
    ScenarioRecovery recovery,
    TapeProgress tapeProgress,
    TapeReader tapeReader,
    LiveLaneMetrics metrics,
    TimeProvider time,
    IOptions<LiveLaneOptions> options,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private static readonly TimeSpan JournalRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TapeWait = TimeSpan.FromSeconds(10);

    // Lag and resync calls to feeds: a feed whose silo just died must not hold up a summary or an activation.
    private static readonly TimeSpan FeedCallTimeout = TimeSpan.FromSeconds(2);

    // Taken but not yet handed to the journal writer.
    private readonly List<ScenarioInput> _pendingInputs = [];
    private readonly List<RecordedDecision> _pendingDecisions = [];

    // Handed to the writer as one append, outcome not yet known (true once committed). One append at
    // a time, so a failed append can never leave a gap before a later one that succeeded.
    private Task<bool>? _append;
    private long _durableInput;

    // Several instruments whose feeds give watermarks: their quotes are merged by exchange time (see WatermarkMerge).
    private WatermarkMerge? _merge;
    private bool _merging;
    private readonly HashSet<string> _feedsToResync = new(StringComparer.Ordinal);
    private IGrainTimer? _resync;
    private long _unjournaledQuotes;
    private double _nanosPerQuote;
    private long _decidingReceiveUnixNs;
    private long _pendingSinceTicks;
    private long _journalRetryAtTicks;
    private ScenarioRunner? _runner;
    private long _quotesBeforeActivation;
    private bool _dirty;
    private bool _diverged;
    private long _lastSnapshotTicks;
    private long _lastQuoteTimeUnixNs;

    private string ScenarioId => this.GetPrimaryKeyString();

    private ScenarioEngine? Engine => _runner?.Engine;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.SpecText is { } specText)
        {
            await RecoverAsync(specText, cancellationToken);
            _merge = Engine is { } recovered ? MergeFor(recovered.Spec) : null;
            if (Engine is { Status: not ScenarioStatus.Retired } engine)
            {
                // What an earlier activation took from the feeds without journaling it is gone with it: the
                // feeds' next deliveries say where they are, and the difference is read back from the tape.
                // Asked from a timer, not here: a feed whose silo just died must not hold up this activation.
                _feedsToResync.UnionWith(engine.Spec.Instruments);
                _resync = this.RegisterGrainTimer(ResyncFeedsAsync, new GrainTimerCreationOptions
                {
                    DueTime = TimeSpan.Zero,
                    Period = TimeSpan.FromSeconds(5),
                    Interleave = true,
                });
            }
        }

        // Snapshots come due at a per-grain offset, so scenarios activated together do not all write together.
        var spread = options.Value.ScenarioSnapshotInterval * (this.GetGrainId().GetUniformHashCode() % 1000 / 1000.0);
        _lastSnapshotTicks = time.GetTimestamp() - (long)(spread.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(1) });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_diverged)
        {
            return;
        }

        await TryFlushJournalAsync();
        await TrySnapshotAsync();
    }

    public async Task<ScenarioCommandResult> Create(string specText)
    {
        if (state.State.SpecText is not null)
        {
            return ScenarioCommandResult.Refused($"scenario '{ScenarioId}' already exists");
        }

        var read = ScenarioSpecReader.Read(specText, strategies);
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

        var engine = new ScenarioEngine(spec, catalog.Find, strategies.CreateFor(spec));

        // Where each feed is as the scenario joins it: the scenario starts after these, and a stream it has
        // not processed yet is caught up from here, never from the beginning of the tape.
        var starts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var instrumentId in spec.Instruments.Distinct(StringComparer.Ordinal))
        {
            var marks = await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrumentId).Subscribe(ScenarioId);
            starts[instrumentId] = marks.ToDictionary(m => m.Source, m => m.Sequence, StringComparer.Ordinal);
        }

        // The shadow lane's contract, recorded first: a scenario must never exist without it.
        await specs.RecordAsync(ScenarioId, specText);
        state.State.StartSequences = starts;
        state.State.SpecText = specText;
        state.State.SnapshotJson = JsonSerializer.Serialize(engine.Snapshot(), DomainJson.Options);
        state.State.DecisionSequence = 0;
        state.State.InputSequence = 0;
        state.State.Format = ScenarioState.CurrentFormat;
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

        _runner = new ScenarioRunner(engine);
        _merge = MergeFor(spec);
        _runner.Command(ScenarioCommand.Create, null, time.GetUtcNowUnixNs(), _pendingInputs, _pendingDecisions);
        await TryFlushJournalAsync();
        return ScenarioCommandResult.Ok(Summarize(engine));
    }

    private async Task ResyncFeedsAsync(CancellationToken cancellationToken)
    {
        foreach (var instrumentId in _feedsToResync.ToArray())
        {
            try
            {
                await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrumentId).Resync(ScenarioId).WaitAsync(FeedCallTimeout, cancellationToken);
                _feedsToResync.Remove(instrumentId);
            }
            catch (Exception ex) when (TransientCallRetry.IsTransient(ex))
            {
                LogResyncFailed(logger, ScenarioId, instrumentId, ex.GetBaseException().Message);
            }
        }

        if (_feedsToResync.Count == 0)
        {
            _resync?.Dispose();
            _resync = null;
        }
    }

    public async Task<DeliveryReceipt> OnDelivery(FeedDelivery delivery)
    {
        if (_runner is not { } runner)
        {
            // Not created (or created and lost before its first write): nothing watches these quotes.
            return DeliveryReceipt.Processed;
        }

        if (_diverged)
        {
            // This activation is stopping; the next one takes the delivery's marks and catches up.
            return DeliveryReceipt.Later(JournalRetryDelay);
        }

        if (_unjournaledQuotes + (_merge?.Held ?? 0) >= options.Value.MaxUnjournaledQuotes)
        {
            // The journal is slow or away: stop taking quotes rather than let unjournaled work grow; they are in the tape.
            return DeliveryReceipt.Later(JournalRetryDelay);
        }

        // A feed that promises exchange-time order turns merging on; from then on a feed that has promised
        // nothing yet holds the others back until it does.
        _merging |= _merge is not null && delivery.WatermarkUnixNs != long.MinValue;
        foreach (var mark in delivery.Through)
        {
            var last = LastSequence(runner, delivery.InstrumentId, mark.Source);
            if (last < mark.Sequence && !await CatchUpAsync(runner, delivery.InstrumentId, mark, last))
            {
                return DeliveryReceipt.Behind;
            }
        }

        if (delivery.Quotes.Length > CatchUpChunk())
        {
            // More than one turn's worth at this strategy's pace: left to the tape, read in turns that
            // keep this scenario answering its operator.
            return DeliveryReceipt.Behind;
        }

        if (_merging && _merge is { } merge)
        {
            merge.Add(delivery.Quotes);
            merge.Advance(delivery.InstrumentId, delivery.WatermarkUnixNs);
            Process(runner, merge.Release(), live: true, merged: true);
        }
        else
        {
            Process(runner, delivery.Quotes, live: true);
        }

        return DeliveryReceipt.Processed;
    }

    public async Task<long> FlushJournal()
    {
        await TryFlushJournalAsync();
        return _durableInput;
    }

    public Task<string?> GetSpec() => Task.FromResult(state.State.SpecText);

    public async Task<ScenarioSummary?> GetSummary() => Engine is { } engine ? Summarize(engine, await ReadLagAsync(engine)) : null;

    public async Task<ScenarioDetails?> GetDetails()
    {
        if (Engine is not { } engine)
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
        return new ScenarioDetails(Summarize(engine, await ReadLagAsync(engine)), positions, orders, fills,
            new Dictionary<string, string>(engine.Spec.Parameters), engine.DuplicateQuotes, engine.ThrottledOrders);
    }

    public Task<ScenarioCommandResult> Pause() => CommandAsync(ScenarioCommand.Pause, null, "pause");

    public Task<ScenarioCommandResult> Resume() => CommandAsync(ScenarioCommand.Resume, null, "resume");

    public Task<ScenarioCommandResult> Halt(string reason) => CommandAsync(ScenarioCommand.Halt, reason, "halt");

    public async Task<ScenarioCommandResult> Retire()
    {
        var result = await CommandAsync(ScenarioCommand.Retire, null, "retire");
        if (result.Succeeded && Engine is { } engine)
        {
            // Not awaited: a feed may be waiting on this grain right now, and awaiting it back would deadlock.
            foreach (var instrumentId in engine.Spec.Instruments.Distinct(StringComparer.Ordinal))
            {
                _ = GrainFactory.GetGrain<IInstrumentFeedGrain>(instrumentId).Unsubscribe(ScenarioId);
            }
        }

        return result;
    }

    private static WatermarkMerge? MergeFor(ScenarioSpec spec)
    {
        var instruments = spec.Instruments.Distinct(StringComparer.Ordinal).ToArray();
        return instruments.Length > 1 ? new WatermarkMerge(instruments) : null;
    }

    private static long MaxTime(Quote[] quotes)
    {
        var max = long.MinValue;
        foreach (ref readonly var quote in quotes.AsSpan())
        {
            max = Math.Max(max, quote.ExchangeTimeUnixNs);
        }

        return max;
    }

    /// <summary>Where the scenario is in a stream: its last processed quote, else where the feed was when the scenario
    /// joined it, else nowhere (a source that appeared since: all of it is the scenario's).</summary>
    private long LastSequence(ScenarioRunner runner, string instrumentId, string source) =>
        _merge is not null && _merge.TryGetLastHeld(instrumentId, source, out var held) ? held
        : runner.Engine.TryGetLastSequence(instrumentId, source, out var last) ? last
        : state.State.StartSequences.TryGetValue(instrumentId, out var starts) && starts.TryGetValue(source, out var start) ? start
        : long.MinValue;

    /// <summary>
    /// Reads up to one piece of a stream the scenario lacks (after <paramref name="last"/>, through the mark)
    /// from the tape and processes it as live quotes are: logged as inputs, so a replay reads them the same
    /// way. Only this feed delivers this stream, one delivery at a time, so nothing else moves it meanwhile.
    /// </summary>
    private async Task<bool> CatchUpAsync(ScenarioRunner runner, string instrumentId, StreamMark mark, long last)
    {
        await tapeProgress.WaitCoveredAsync(mark.Source, instrumentId, mark.Sequence, TapeWait, CancellationToken.None);
        var quotes = await tapeReader.ReadRangeAsync(mark.Source, instrumentId, last, mark.Sequence, CatchUpChunk());
        if (quotes.Length == 0)
        {
            return true;
        }

        metrics.CaughtUp(quotes.Length);
        if (_merging && _merge is { } merge)
        {
            // Held for the merge like live quotes; the stream is complete up to just before its last time read.
            merge.Add(quotes);
            merge.Advance(instrumentId, quotes[^1].ExchangeTimeUnixNs - 1);
            Process(runner, merge.Release(), live: false, merged: true);
        }
        else
        {
            Process(runner, quotes, live: false);
        }

        return quotes[^1].Sequence >= mark.Sequence;
    }

    /// <summary>As many quotes as fit in one catch-up turn at the scenario's recent cost per quote.</summary>
    private int CatchUpChunk()
    {
        const int AtLeast = 16;
        var budgetNs = options.Value.CatchUpTurnBudget.TotalNanoseconds;
        var fit = _nanosPerQuote > 0 ? budgetNs / _nanosPerQuote : double.MaxValue;
        return (int)Math.Clamp(fit, AtLeast, Math.Max(AtLeast, options.Value.MaxCatchUpQuotes));
    }

    private void Process(ScenarioRunner runner, Quote[] quotes, bool live, bool merged = false)
    {
        if (quotes.Length == 0 || _diverged)
        {
            return;
        }

        if (!merged)
        {
            // Arrival order: how far back in exchange time a quote comes after one already processed.
            var earliest = long.MaxValue;
            foreach (ref readonly var quote in quotes.AsSpan())
            {
                earliest = Math.Min(earliest, quote.ExchangeTimeUnixNs);
            }

            if (_lastQuoteTimeUnixNs > earliest && earliest != long.MaxValue)
            {
                metrics.OutOfOrder(_lastQuoteTimeUnixNs - earliest);
            }
        }

        var decisionsBefore = _pendingDecisions.Count;
        var inputsBefore = _pendingInputs.Count;
        var throttledBefore = runner.Engine.ThrottledOrders;
        var statusBefore = runner.Engine.Status;
        var started = time.GetTimestamp();
        if (merged)
        {
            runner.ProcessMerged(quotes, _pendingInputs, _pendingDecisions);
        }
        else
        {
            runner.Process(quotes, _pendingInputs, _pendingDecisions);
        }

        // A moving average of the cost per quote, weighted by quotes, sizes the catch-up turns.
        var nanosPerQuote = time.GetElapsedTime(started).TotalNanoseconds / quotes.Length;
        var weight = Math.Min(1.0, quotes.Length / 256.0);
        _nanosPerQuote = _nanosPerQuote == 0 ? nanosPerQuote : _nanosPerQuote + (weight * (nanosPerQuote - _nanosPerQuote));

        var decided = _pendingDecisions.Count - decisionsBefore;
        _lastQuoteTimeUnixNs = Math.Max(_lastQuoteTimeUnixNs, merged ? quotes[^1].ExchangeTimeUnixNs : MaxTime(quotes));
        _unjournaledQuotes += quotes.Length;
        _dirty = true;
        metrics.Delivered(quotes.Length);
        metrics.InputsLogged(_pendingInputs.Count - inputsBefore);
        if (runner.Engine.ThrottledOrders > throttledBefore)
        {
            metrics.OrdersThrottled(runner.Engine.ThrottledOrders - throttledBefore);
        }

        if (live)
        {
            // One clock read per delivery; the oldest quote of it gives the worst latency in it. Quotes read
            // back from the tape were received long ago: their latency is the scenario's lag, reported apart.
            metrics.QuoteToDecision.Record(time.GetUtcNowUnixNs() - quotes[0].ReceiveTimeUnixNs);
        }

        if (decided > 0)
        {
            metrics.Decided(decided);
        }

        if (statusBefore != ScenarioStatus.Halted && runner.Engine.Status == ScenarioStatus.Halted
            && runner.Engine.HaltReason?.StartsWith("strategy fault", StringComparison.Ordinal) == true)
        {
            metrics.StrategyFaulted(ScenarioId);
            LogStrategyFault(logger, ScenarioId, runner.Engine.HaltReason);
        }

        // A run that continues the last pending input extends it: the count need not grow for there to be work.
        if (_pendingInputs.Count > 0)
        {
            if (inputsBefore == 0)
            {
                _pendingSinceTicks = time.GetTimestamp();
            }

            if (decisionsBefore == 0 && decided > 0)
            {
                // quote→journaled runs from the receipt of the first quotes that decided something in this append.
                _decidingReceiveUnixNs = quotes[0].ReceiveTimeUnixNs;
            }

            StartAppendIfDue();
        }
    }

    /// <summary>
    /// Decisions are journaled at once, with the inputs before them; inputs that decided nothing gather for up to
    /// <see cref="LiveLaneOptions.InputLogInterval"/> and go in one append. Their quotes are in the tape already, so
    /// holding them back loses nothing: after a crash the next activation reads them from there again. One append
    /// per delivery would make every single-quote delivery a row and a commit of its own.
    /// </summary>
    private void StartAppendIfDue()
    {
        // After a failed commit the timer retries; starting an append per delivery would hammer a database that is away.
        if (_pendingInputs.Count > 0 && time.GetTimestamp() >= _journalRetryAtTicks
            && (_pendingDecisions.Count > 0 || time.GetElapsedTime(_pendingSinceTicks) >= options.Value.InputLogInterval))
        {
            StartAppend();
        }
    }

    private async Task RecoverAsync(string specText, CancellationToken cancellationToken)
    {
        await specs.EnsureRecordedAsync(ScenarioId, specText, cancellationToken);
        var spec = ScenarioSpecReader.Read(specText, strategies).Spec
            ?? throw new InvalidOperationException($"stored spec of scenario '{ScenarioId}' no longer parses");
        var strategy = strategies.CreateFor(spec);
        var engine = state.State.SnapshotJson is { } json
            ? ScenarioEngine.Restore(spec, catalog.Find, strategy, JsonSerializer.Deserialize<ScenarioSnapshot>(json, DomainJson.Options)!)
            : new ScenarioEngine(spec, catalog.Find, strategy);
        _quotesBeforeActivation = state.State.QuotesProcessed;
        _lastQuoteTimeUnixNs = state.State.LastQuoteTimeUnixNs;
        var haltReason = state.State.HaltOnRecovery;
        if (state.State.Format < ScenarioState.CurrentFormat)
        {
            // A snapshot from before the input log: decisions journaled after it cannot be replayed.
            var ends = await recovery.ReadEndsAsync(ScenarioId, cancellationToken);
            _runner = new ScenarioRunner(engine, ends.Input, ends.Decision);
            if (ends.Decision > state.State.DecisionSequence)
            {
                haltReason ??= $"recovery: decisions {state.State.DecisionSequence + 1}..{ends.Decision} were journaled before the input log existed and cannot be replayed";
            }
        }
        else
        {
            _runner = new ScenarioRunner(engine, state.State.InputSequence, state.State.DecisionSequence);
            var report = await recovery.ReplayAsync(_runner, ScenarioId, cancellationToken: cancellationToken);
            if (!report.Identical)
            {
                var why = report.Divergence?.ToString() ?? report.Error!;
                metrics.Diverged(ScenarioId, "recovery");
                LogRecoveryDiverged(logger, ScenarioId, why);
                haltReason ??= $"recovery replay diverged: {why}";
                // Continue numbering after what is journaled, so the halt cannot collide with it.
                var ends = await recovery.ReadEndsAsync(ScenarioId, cancellationToken);
                _runner = new ScenarioRunner(engine, Math.Max(ends.Input, _runner.InputSequence), Math.Max(ends.Decision, _runner.DecisionSequence));
            }
            else if (report.InputsReplayed > 0)
            {
                LogRecovered(logger, ScenarioId, report.InputsReplayed, report.QuotesReplayed, report.DecisionsCompared);
            }
        }

        _durableInput = _runner.InputSequence;
        if (haltReason is not null)
        {
            // A halt is an input like any other: journaled, and replayed by whoever replays this log.
            _runner.Command(ScenarioCommand.Halt, haltReason, _lastQuoteTimeUnixNs, _pendingInputs, _pendingDecisions);
            await TryFlushJournalAsync();
        }

        _dirty = true;
    }

    private async Task<ScenarioCommandResult> CommandAsync(ScenarioCommand command, string? reason, string verb)
    {
        if (_runner is not { } runner)
        {
            return ScenarioCommandResult.Refused($"unknown scenario '{ScenarioId}'");
        }

        if (!runner.Command(command, reason, _lastQuoteTimeUnixNs, _pendingInputs, _pendingDecisions))
        {
            return ScenarioCommandResult.Refused($"cannot {verb} scenario '{ScenarioId}': it is {runner.Engine.Status.ToString().ToLowerInvariant()}");
        }

        // Commands are inputs: journal them now so a crash cannot undo them. If the database is away the
        // change still holds in memory and the timer journals it later.
        _dirty = true;
        await TryFlushJournalAsync();
        await TrySnapshotAsync();
        return ScenarioCommandResult.Ok(Summarize(runner.Engine));
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await TryFlushJournalAsync();
        if (_dirty && time.GetElapsedTime(_lastSnapshotTicks) >= options.Value.ScenarioSnapshotInterval)
        {
            await TrySnapshotAsync();
        }
    }

    private Task TryFlushJournalAsync() => TryMakeDurableAsync(_runner?.InputSequence ?? 0);

    /// <summary>
    /// Waits until every input up to <paramref name="inputSequence"/> (and the decisions they caused)
    /// is committed, starting appends as needed. False if the journal cannot be written now (database
    /// away): they stay pending, the scenario keeps trading in memory, and the next flush retries them first.
    /// </summary>
    private async Task<bool> TryMakeDurableAsync(long inputSequence)
    {
        while (_durableInput < inputSequence && !_diverged)
        {
            StartAppend();
            if (_append is not { } append || !await append)
            {
                return _durableInput >= inputSequence;
            }
        }

        return _durableInput >= inputSequence;
    }

    private void StartAppend()
    {
        if (_append is not null || _pendingInputs.Count == 0 || _diverged)
        {
            return;
        }

        var append = AppendPendingAsync();
        // A writer that has stopped fails the append before its first await; nothing is in flight then.
        _append = append.IsCompleted ? null : append;
    }

    private async Task<bool> AppendPendingAsync()
    {
        var inputs = _pendingInputs.ToArray();
        var decisions = _pendingDecisions.ToArray();
        var decidingReceiveUnixNs = _decidingReceiveUnixNs;
        _pendingInputs.Clear();
        _pendingDecisions.Clear();
        try
        {
            await journalWriter.AppendAsync(new JournalAppend(ScenarioId, inputs, decisions));
        }
        catch (JournalDivergenceException ex)
        {
            _append = null;
            await OnJournalDivergedAsync(ex.Message);
            return false;
        }
        // OperationCanceledException: the writer stopped with the silo mid-commit. Like an outage, the inputs stay pending;
        // if this activation ends now, the next one reads them back from the tape.
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or TapeNotDurableException or InvalidOperationException or IOException
                                       or OperationCanceledException)
        {
            _pendingInputs.InsertRange(0, inputs);
            _pendingDecisions.InsertRange(0, decisions);
            _decidingReceiveUnixNs = decidingReceiveUnixNs;
            _journalRetryAtTicks = time.GetTimestamp() + (long)(JournalRetryDelay.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
            _append = null;
            LogJournalFailed(logger, ScenarioId, _pendingInputs.Count, ex.GetBaseException().Message);
            return false;
        }

        _durableInput = inputs[^1].InputSequence;
        _journalRetryAtTicks = 0;
        foreach (var input in inputs)
        {
            _unjournaledQuotes -= input.QuoteCount;
        }

        if (decisions.Length > 0)
        {
            metrics.QuoteToDurableDecision.Record(time.GetUtcNowUnixNs() - decidingReceiveUnixNs);
        }

        _append = null;
        // Inputs taken while this append was in flight go together in the next one.
        StartAppendIfDue();
        return true;
    }

    // Another activation (a duplicate) or another build journaled something else at our sequences.
    // This activation's state can no longer be trusted: it stops, and the next activation replays the
    // journal as it is and halts with the reason, so an operator looks before anything trades again.
    private async Task OnJournalDivergedAsync(string why)
    {
        _diverged = true;
        metrics.Diverged(ScenarioId, "journal");
        LogJournalDiverged(logger, ScenarioId, why);
        try
        {
            await state.ReadStateAsync();
            state.State.HaltOnRecovery ??= $"journal divergence: {why}";
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is InconsistentStateException or NpgsqlException or TimeoutException)
        {
            LogSnapshotFailed(logger, ScenarioId, ex.GetBaseException().Message);
        }

        DeactivateOnIdle();
    }

    private async Task TrySnapshotAsync()
    {
        // Never snapshot ahead of the journal: after a crash the input log is replayed on top of the snapshot.
        if (_runner is not { } runner || !_dirty || _diverged || _pendingInputs.Count > 0 || _append is not null)
        {
            return;
        }

        // Quotes interleave with the write: the state is taken in this turn, and a quote processed
        // during the write marks the scenario dirty again for the next snapshot.
        state.State.SnapshotJson = JsonSerializer.Serialize(runner.Engine.Snapshot(), DomainJson.Options);
        state.State.DecisionSequence = runner.DecisionSequence;
        state.State.InputSequence = runner.InputSequence;
        state.State.Format = ScenarioState.CurrentFormat;
        state.State.QuotesProcessed = QuotesProcessed;
        state.State.LastQuoteTimeUnixNs = _lastQuoteTimeUnixNs;
        state.State.HaltOnRecovery = null;
        _dirty = false;
        try
        {
            await state.WriteStateAsync();
            _lastSnapshotTicks = time.GetTimestamp();
        }
        catch (InconsistentStateException ex)
        {
            // Someone else wrote this scenario's state: a duplicate activation. Never overwrite it; stop
            // and let the next activation reload and replay the durable log.
            _diverged = true;
            metrics.Diverged(ScenarioId, "state");
            LogDuplicateActivation(logger, ScenarioId, ex.Message);
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            _dirty = true;
            LogSnapshotFailed(logger, ScenarioId, ex.GetBaseException().Message);
        }
    }

    private long QuotesProcessed => _quotesBeforeActivation + (_runner?.QuotesProcessed ?? 0);

    /// <summary>Asks each feed how far behind it this scenario is: the feeds hold what waits for it.</summary>
    private async Task<(long Quotes, double Seconds)> ReadLagAsync(ScenarioEngine engine)
    {
        if (engine.Status == ScenarioStatus.Retired)
        {
            return (0, 0);
        }

        FeedLag[] lags;
        try
        {
            lags = await Task.WhenAll(engine.Spec.Instruments.Distinct(StringComparer.Ordinal)
                .Select(i => GrainFactory.GetGrain<IInstrumentFeedGrain>(i).GetLag(ScenarioId))).WaitAsync(FeedCallTimeout);
        }
        catch (Exception ex) when (TransientCallRetry.IsTransient(ex))
        {
            // A feed is moving to another silo: the lag is unknown for now, the rest of the summary is not.
            return (-1, 0);
        }

        var quotes = lags.Sum(l => l.Quotes);
        var oldest = lags.Where(l => l.OldestReceiveUnixNs != 0).Select(l => l.OldestReceiveUnixNs).DefaultIfEmpty(0).Min();
        return (quotes, quotes == 0 || oldest == 0 ? 0 : Math.Max(0, (time.GetUtcNowUnixNs() - oldest) / 1e9));
    }

    private ScenarioSummary Summarize(ScenarioEngine engine, (long Quotes, double Seconds) lag = default)
    {
        var (lagQuotes, lagSeconds) = lag;
        return new(
            engine.Spec.Id, engine.Spec.Name, engine.Spec.Strategy, engine.Status.ToString().ToLowerInvariant(), engine.HaltReason,
            engine.Spec.Instruments, engine.Cash, engine.RealizedPnl, engine.UnrealizedPnl, engine.Equity, engine.Commissions,
            engine.FillCount, engine.OpenOrders.Count, QuotesProcessed, _runner?.DecisionSequence ?? 0, _lastQuoteTimeUnixNs,
            lagQuotes, lagSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId}: feed {InstrumentId} not reached to resync, will retry: {Reason}")]
    private static partial void LogResyncFailed(ILogger logger, string scenarioId, string instrumentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId}: {Count} inputs not yet journaled, will retry: {Reason}")]
    private static partial void LogJournalFailed(ILogger logger, string scenarioId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId}: snapshot not written, will retry: {Reason}")]
    private static partial void LogSnapshotFailed(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scenario {ScenarioId}: journal divergence, halting: {Reason}")]
    private static partial void LogJournalDiverged(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scenario {ScenarioId}: recovery replay diverged from the journal, halting: {Reason}")]
    private static partial void LogRecoveryDiverged(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scenario {ScenarioId}: its state was written by another activation; deactivating without overwriting it: {Reason}")]
    private static partial void LogDuplicateActivation(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scenario {ScenarioId} halted: {Reason}")]
    private static partial void LogStrategyFault(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scenario {ScenarioId} recovered: {Inputs} inputs ({Quotes} quotes) replayed, {Decisions} decisions identical to the journal")]
    private static partial void LogRecovered(ILogger logger, string scenarioId, long inputs, long quotes, long decisions);
}
