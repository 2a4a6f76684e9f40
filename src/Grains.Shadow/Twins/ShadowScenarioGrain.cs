using System.Diagnostics;
using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Aegis.Grains.Shadow.Persistence;
using Aegis.Grains.Shadow.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;

namespace Aegis.Grains.Shadow.Twins;

/// <summary>
/// The shadow twin of one live scenario (see <see cref="IShadowScenarioGrain"/>). On a timer it reads the live
/// scenario's next logged inputs and their quotes from the tape, runs them through its own engine (the shadow
/// build's strategy code) with the domain's replayer, writes the decisions to the shadow journal, then persists
/// its position, then asks its parity grain to compare. In that order: a restart replays from the persisted
/// position, and the journal takes the same decisions again as a no-op, so no input is skipped or taken twice.
/// </summary>
public sealed partial class ShadowScenarioGrain(
    [PersistentState(StorageNames.ShadowScenario, StorageNames.Postgres)] IPersistentState<ShadowScenarioState> state,
    InstrumentCatalog catalog,
    StrategyCatalog strategies,
    ScenarioSpecs specs,
    DecisionJournal liveJournal,
    SharedTapeCache tape,
    ShadowJournal shadowJournal,
    AlertLog alerts,
    SiloBuild build,
    ShadowLaneMetrics metrics,
    IOptions<ShadowLaneOptions> options,
    ILogger<ShadowScenarioGrain> logger) : Grain, IShadowScenarioGrain
{
    private ScenarioRunner? _runner;
    private long _liveInput;
    private long _liveInputTimeUnixNs;
    private long _firstInputTimeUnixNs;
    private bool _lagAlerted;
    private long _comparedThrough;
    private IGrainTimer? _timer;

    private string ScenarioId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Failure is not null && state.State.FailedBuild != build.Version)
        {
            // Stopped by another build: this one may not have the flaw, so it tries again from the persisted position.
            LogRetrying(logger, ScenarioId, state.State.FailedBuild ?? "unknown", build.Version, state.State.Failure);
            state.State.Failure = null;
            state.State.FailedBuild = null;
        }

        if (state.State.Failure is null)
        {
            await StartAsync(cancellationToken);
        }
    }

    public async Task Follow()
    {
        if (_runner is null && state.State.Failure is null)
        {
            await StartAsync(CancellationToken.None);
        }
    }

    public Task<ShadowTwinStatus> GetStatus()
    {
        var followed = state.State;
        var lagInputs = Math.Max(0, _liveInput - followed.InputSequence);
        // A twin that has taken nothing yet is as far behind as the live log is long: measured from its first input.
        var followedTimeUnixNs = followed.InputSequence > 0 ? followed.InputTimeUnixNs : _firstInputTimeUnixNs;
        var lagSeconds = lagInputs == 0 || followedTimeUnixNs == 0 ? 0 : Math.Max(0, (_liveInputTimeUnixNs - followedTimeUnixNs) / 1e9);
        var twinState = followed.Failure is not null ? "failed" : _runner is null ? "waiting" : "following";
        return Task.FromResult(new ShadowTwinStatus(ScenarioId, twinState, followed.Failure,
            _runner?.Engine.Status.ToString().ToLowerInvariant() ?? "-", followed.InputSequence, Math.Max(_liveInput, followed.InputSequence),
            followed.DecisionSequence, followed.QuotesProcessed, lagInputs, lagSeconds, build.Version));
    }

    public Task<ShadowBook?> GetBook()
    {
        if (_runner is not { Engine: var engine })
        {
            return Task.FromResult<ShadowBook?>(null);
        }

        var positions = engine.Positions.Where(p => p.Quantity != 0).ToDictionary(p => p.InstrumentId, p => p.Quantity, StringComparer.Ordinal);
        return Task.FromResult<ShadowBook?>(new ShadowBook(ScenarioId, engine.Status.ToString().ToLowerInvariant(), _runner.DecisionSequence,
            engine.Spec.StartingCash, engine.Cash, engine.Equity, engine.RealizedPnl, engine.UnrealizedPnl, positions));
    }

    // Builds the engine from the spec (and the snapshot, if any) and starts following. Waits for a spec to be recorded.
    private async Task StartAsync(CancellationToken cancellationToken)
    {
        state.State.SpecText ??= await specs.ReadAsync(ScenarioId, cancellationToken);
        if (state.State.SpecText is not { } specText)
        {
            return; // the live scenario's creation is not recorded yet: the directory asks again
        }

        var read = ScenarioSpecReader.Read(specText, strategies);
        if (read.Spec is not { } spec)
        {
            await FailAsync($"its spec does not build in this build: {string.Join("; ", read.Errors.Select(e => e.ToString()))}");
            return;
        }

        var strategy = strategies.CreateFor(spec);
        var engine = state.State.SnapshotJson is { } json
            ? ScenarioEngine.Restore(spec, catalog.Find, strategy, JsonSerializer.Deserialize<ScenarioSnapshot>(json, DomainJson.Options)!)
            : new ScenarioEngine(spec, catalog.Find, strategy);
        _runner = new ScenarioRunner(engine, state.State.InputSequence, state.State.DecisionSequence);
        _timer ??= this.RegisterGrainTimer(FollowAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.PollInterval,
            KeepAlive = true,
        });
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        if (_runner is not { } runner)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_comparedThrough < runner.InputSequence)
            {
                await CompareAsync(runner.InputSequence); // a step whose comparison an outage interrupted
            }

            (_liveInput, _liveInputTimeUnixNs) = await liveJournal.ReadLastInputAsync(ScenarioId, cancellationToken);
            if (state.State.InputSequence == 0 && _liveInput > 0 && _firstInputTimeUnixNs == 0)
            {
                _firstInputTimeUnixNs = (await liveJournal.ReadInputsAsync(ScenarioId, 0, 1, cancellationToken))[0].EventTimeUnixNs;
            }
            while (runner.InputSequence < _liveInput && Stopwatch.GetElapsedTime(started) < options.Value.TurnBudget && _runner is not null)
            {
                if (!await StepAsync(runner, cancellationToken))
                {
                    break; // nothing to take after all: the next tick looks again
                }
            }

            await CheckLagAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OrleansException)
        {
            // An outage (the database, or the parity grain's silo): the next tick tries again from the persisted position.
            LogOutage(logger, ScenarioId, ex.GetBaseException().Message);
            await RestartFromStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote this twin's state: this one is a duplicate and must stop.
            LogDuplicate(logger, ScenarioId);
            _runner = null;
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not an outage: retrying would meet it again. The twin stops with the reason, like a broken scenario.
            await FailAsync($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    // One step: the next inputs, their decisions journaled, the position persisted, parity compared. False when it took nothing.
    private async Task<bool> StepAsync(ScenarioRunner runner, CancellationToken cancellationToken)
    {
        var inputs = await ReadWholeGroupsAsync(runner.InputSequence, cancellationToken);
        if (inputs.Count == 0)
        {
            return false;
        }

        var quotes = await tape.ReadAsync(inputs, cancellationToken);
        var made = new List<RecordedDecision>();
        var quotesBefore = runner.QuotesProcessed;
        try
        {
            ScenarioReplayer.Follow(runner, inputs, quotes, made);
        }
        catch (InputLogException ex)
        {
            await FailAsync($"input log cannot be replayed after input {runner.InputSequence}: {ex.Message}");
            return false;
        }

        var conflicts = await shadowJournal.AppendAsync(ScenarioId, build.Version, made, cancellationToken);
        if (conflicts.Count > 0)
        {
            await FailAsync($"not deterministic: decision {conflicts[0]} differs from the one an earlier run of this twin journaled");
            return false;
        }

        state.State.SnapshotJson = JsonSerializer.Serialize(runner.Engine.Snapshot(), DomainJson.Options);
        state.State.InputSequence = runner.InputSequence;
        state.State.DecisionSequence = runner.DecisionSequence;
        state.State.QuotesProcessed += runner.QuotesProcessed - quotesBefore;
        state.State.InputTimeUnixNs = inputs[^1].EventTimeUnixNs;
        await state.WriteStateAsync(cancellationToken);
        metrics.Followed(inputs.Count, made.Count);

        await CompareAsync(runner.InputSequence);
        return true;
    }

    private async Task CompareAsync(long throughInput)
    {
        await GrainFactory.GetGrain<IParityGrain>(ScenarioId).Compare(throughInput);
        _comparedThrough = throughInput;
    }

    // The next inputs, ending on a whole merged group (a group is logged at once, so a read that reaches the end
    // of the log has all of it; one cut by the read's limit is left for the next read, or read whole if it is all there is).
    private async Task<IReadOnlyList<ScenarioInput>> ReadWholeGroupsAsync(long after, CancellationToken cancellationToken)
    {
        var limit = options.Value.InputsPerStep;
        while (true)
        {
            var inputs = await liveJournal.ReadInputsAsync(ScenarioId, after, after + limit, cancellationToken);
            if (inputs.Count < limit)
            {
                return inputs;
            }

            var whole = ScenarioReplayer.WholeGroups(inputs);
            if (whole > 0)
            {
                return whole == inputs.Count ? inputs : inputs.Take(whole).ToList();
            }

            limit *= 2;
        }
    }

    private async Task CheckLagAsync(CancellationToken cancellationToken)
    {
        var status = await GetStatus();
        metrics.Lag(ScenarioId, status.LagInputs, status.LagSeconds);
        var behind = TimeSpan.FromSeconds(status.LagSeconds) > options.Value.LagAlert;
        if (behind && !_lagAlerted)
        {
            LogLagging(logger, ScenarioId, status.LagInputs, status.LagSeconds);
            await alerts.RaiseAsync("shadow", "shadow-lag", ScenarioId, AlertLog.Warning,
                $"shadow twin of '{ScenarioId}' is {status.LagInputs} inputs ({status.LagSeconds:F0} s of exchange time) behind the live scenario", cancellationToken);
        }

        _lagAlerted = behind;
    }

    // After an outage mid-step the engine may have taken inputs whose decisions are not journaled: start again
    // from what is persisted, exactly as a new activation would.
    private async Task RestartFromStateAsync(CancellationToken cancellationToken)
    {
        if (_runner is not null && _runner.InputSequence != state.State.InputSequence)
        {
            _runner = null;
            await StartAsync(cancellationToken);
        }
    }

    private async Task FailAsync(string reason)
    {
        LogFailed(logger, ScenarioId, reason);
        _runner = null;
        _timer?.Dispose();
        _timer = null;
        await state.ReadStateAsync(); // the position persisted last, not the one the failed step reached
        state.State.Failure = reason;
        state.State.FailedBuild = build.Version;
        await state.WriteStateAsync();
        await alerts.RaiseAsync("shadow", "shadow-twin", ScenarioId, AlertLog.Critical, $"shadow twin of '{ScenarioId}' stopped: {reason}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow twin {ScenarioId}: outage, will retry: {Reason}")]
    private static partial void LogOutage(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shadow twin {ScenarioId}: another activation wrote its state; this one stops")]
    private static partial void LogDuplicate(ILogger logger, string scenarioId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shadow twin {ScenarioId} stopped: {Reason}")]
    private static partial void LogFailed(ILogger logger, string scenarioId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shadow twin {ScenarioId} stopped under build {FailedBuild}, trying again under {Build}: {Failure}")]
    private static partial void LogRetrying(ILogger logger, string scenarioId, string failedBuild, string build, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow twin {ScenarioId} is {Inputs} inputs ({Seconds:F0} s) behind its live scenario")]
    private static partial void LogLagging(ILogger logger, string scenarioId, long inputs, double seconds);
}
