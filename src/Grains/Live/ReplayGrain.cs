using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;
using Aegis.Grains.Persistence;
using Aegis.Grains.Interfaces.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Live;

/// <summary>
/// Runs the replay connector over the sample day, looping, and remembers how far it got. Because it
/// is a grain kept alive by every live silo, losing the silo that runs it only pauses the market for
/// as long as membership needs to notice: it resumes from its cursor on a survivor.
/// </summary>
public sealed partial class ReplayGrain(
    [PersistentState("live-replay", StorageNames.Postgres)] IPersistentState<ReplayState> state,
    IOptions<ReplaySettings> settings,
    TimeProvider time,
    ILogger<ReplayGrain> logger) : Grain, IReplayGrain
{
    private CancellationTokenSource? _stop;
    private Task? _run;
    private string? _lastError;
    private int _loops;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(PersistCursorAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(2), Period = TimeSpan.FromSeconds(2) });
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

        await PersistCursorAsync(cancellationToken);
    }

    public Task EnsureRunning()
    {
        if (_run is null || _run.IsCompleted)
        {
            _stop = new CancellationTokenSource();
            // Runs on this grain's scheduler: the sink's callbacks update the cursor without locks.
            _run = RunAsync(_stop.Token);
        }

        return Task.CompletedTask;
    }

    public Task<ReplayStatus> GetStatus() => Task.FromResult(new ReplayStatus(
        _run is { IsCompleted: false }, state.State.QuotesPublished, state.State.CursorExchangeTimeUnixNs, _loops, settings.Value.Speed, _lastError));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = settings.Value;
            var path = await MarketDayFile.EnsureSampleDayAsync(options.DataDirectory, options.Seed, cancellationToken);
            var sink = new FeedQuoteSink(GrainFactory, OnPublished);
            var connector = new ReplayConnector(
                new ReplayOptions(options.Speed, MaxBatchSize: 512, Loop: true, ResumeFromUnixNs: state.State.CursorExchangeTimeUnixNs), time);
            LogStarted(logger, path, options.Speed, state.State.CursorExchangeTimeUnixNs);
            var stats = await connector.RunAsync(path, sink, cancellationToken);
            _loops = stats.Loops;
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
        _dirty = true;
    }

    private async Task PersistCursorAsync(CancellationToken cancellationToken)
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
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPersistFailed(logger, ex.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Path} at {Speed}x from exchange time {CursorUnixNs} ns")]
    private static partial void LogStarted(ILogger logger, string path, double speed, long cursorUnixNs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay stopped: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay cursor not persisted, will retry: {Reason}")]
    private static partial void LogPersistFailed(ILogger logger, string reason);
}
