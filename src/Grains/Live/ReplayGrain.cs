using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Storage;

namespace Aegis.Grains.Live;

/// <summary>
/// Runs the replay connector over the sample day, looping, and remembers how far it got and how it
/// runs. Because it is a grain kept alive by every live silo, losing the silo that runs it only pauses
/// the market for as long as membership needs to notice: it resumes from its cursor on a survivor,
/// with the settings persisted by the silo that enabled it. Only the folder holding the sample day is
/// the local silo's: the file is generated from the seed, so every silo makes the same one.
/// </summary>
public sealed partial class ReplayGrain(
    [PersistentState(StorageNames.Replay, StorageNames.Postgres)] IPersistentState<ReplayState> state,
    IOptions<ReplaySettings> settings,
    InstrumentCatalog catalog,
    TimeProvider time,
    ILogger<ReplayGrain> logger) : Grain, IReplayGrain
{
    private CancellationTokenSource? _stop;
    private Task? _run;
    private string? _lastError;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(PersistAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(2), Period = TimeSpan.FromSeconds(2) });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }

        if (_run is not null)
        {
            // How the run ended was already logged by RunAsync; here only its end matters.
            await _run.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        await PersistAsync(cancellationToken);
    }

    public async Task EnsureRunning(ReplayRequest? request)
    {
        var replay = state.State;
        var changed = false;
        if (request is not null && (!replay.Enabled || replay.Speed != request.Speed || replay.Seed != request.Seed))
        {
            if (replay.Enabled)
            {
                // Silos configured differently take turns here; the log says why the pace keeps changing.
                LogSettingsChanged(logger, replay.Speed, replay.Seed, request.Speed, request.Seed);
            }

            replay.Enabled = true;
            replay.Speed = request.Speed;
            replay.Seed = request.Seed;
            _dirty = true;
            changed = true;
            if (_run is { IsCompleted: false })
            {
                await _stop!.CancelAsync();
                Start(after: _run);
            }
        }

        if (replay.Enabled && (_run is null || _run.IsCompleted))
        {
            Start(after: null);
        }

        if (changed)
        {
            // Written at once, not with the next cursor: a silo without the setting may be the next to run it.
            await PersistAsync(CancellationToken.None);
        }
    }

    public Task<ReplayStatus> GetStatus() => Task.FromResult(new ReplayStatus(
        _run is { IsCompleted: false },
        state.State.QuotesPublished,
        state.State.CursorExchangeTimeUnixNs,
        state.State.Loops,
        state.State.Enabled ? state.State.Speed : settings.Value.Speed,
        _lastError));

    private void Start(Task? after)
    {
        _stop = new CancellationTokenSource();
        // Runs on this grain's scheduler: the sink's callbacks update the cursor without locks.
        _run = RunAsync(after, _stop.Token);
    }

    private async Task RunAsync(Task? after, CancellationToken cancellationToken)
    {
        if (after is not null)
        {
            // A restart with new settings: the old run must have stopped publishing before this one resumes.
            await after.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        try
        {
            var speed = state.State.Speed;
            var path = await MarketDayFile.EnsureSampleDayAsync(settings.Value.DataDirectory, state.State.Seed, cancellationToken);
            // The day is in exchange-time order across instruments: the sink gives every feed a watermark.
            var sink = new FeedQuoteSink(GrainFactory, new TransientCallRetry(time), OnPublished, OnPublishFailed,
                timeOrderedInstruments: catalog.All.Select(i => i.Id).ToArray());
            var connector = new ReplayConnector(
                new ReplayOptions(speed, MaxBatchSize: 512, Loop: true, ResumeFromUnixNs: state.State.CursorExchangeTimeUnixNs), time);
            if (state.State.CursorExchangeTimeUnixNs == long.MinValue)
            {
                LogStartedFresh(logger, path, speed);
            }
            else
            {
                LogStarted(logger, path, speed, state.State.CursorExchangeTimeUnixNs);
            }
            await connector.RunAsync(path, sink, new InlineProgress(OnPassCompleted), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The keep-alive calls EnsureRunning again in a few seconds; say why it stopped meanwhile.
            _lastError = ex.GetBaseException().Message;
            LogFailed(logger, _lastError);
        }
    }

    private void OnPublished(Quote last, int count)
    {
        state.State.CursorExchangeTimeUnixNs = last.ExchangeTimeUnixNs;
        state.State.QuotesPublished += count;
        _lastError = null;
        _dirty = true;
    }

    private void OnPassCompleted(int passes)
    {
        state.State.Loops = passes;
        _dirty = true;
    }

    private void OnPublishFailed(string instrumentId, Exception error)
    {
        _lastError = $"publishing {instrumentId} failed, retrying: {error.GetBaseException().Message}";
        LogPublishRetried(logger, instrumentId, error.GetType().Name, error.GetBaseException().Message);
    }

    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        try
        {
            await state.WriteOwnedStateAsync(cancellationToken);
            _dirty = false;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InconsistentStateException)
        {
            // The database is away: the replay goes on in memory, the timer writes again in 2 s.
            LogPersistFailed(logger, ex.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Path} at {Speed}x from exchange time {CursorUnixNs} ns")]
    private static partial void LogStarted(ILogger logger, string path, double speed, long cursorUnixNs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Path} at {Speed}x from its start")]
    private static partial void LogStartedFresh(ILogger logger, string path, double speed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay stopped: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay publish to {InstrumentId} failed ({ErrorType}: {Reason}), retrying")]
    private static partial void LogPublishRetried(ILogger logger, string instrumentId, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay settings changed from {OldSpeed}x seed {OldSeed} to {NewSpeed}x seed {NewSeed}: restarting from the cursor")]
    private static partial void LogSettingsChanged(ILogger logger, double oldSpeed, int oldSeed, double newSpeed, int newSeed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay state not persisted, will retry: {Reason}")]
    private static partial void LogPersistFailed(ILogger logger, string reason);

    /// <summary>Reports inline, on this grain's scheduler (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
