using Aegis.Datasets.Storage;
using Aegis.Domain.Strategies;
using Aegis.Launchers;
using Aegis.Grains.Interfaces.Research;
using Aegis.Grains.Persistence;
using Aegis.Grains.Research.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Aegis.Grains.Research.Jobs;

/// <summary>
/// One research job (see <see cref="IResearchJobGrain"/>). Submitting persists the plan; a timer then drives the
/// chunks through the workers, a few at a time, persisting each one done. A worker whose silo died or could not
/// reach the store is an outage: the chunk is tried again after a growing delay, on a silo that is up. A chunk that
/// fails on its data or spec fails the job with that reason. A reminder wakes the job after a restart of its own
/// silo, and it carries on from the chunks persisted as done. A job that asks for workers has the lane's launcher
/// start them before its first chunk (its spec is written to <c>jobs/job=ID/manifest.json</c> for them) and stop them
/// when it ends, whether it completed or failed.
/// </summary>
public sealed partial class ResearchJobGrain(
    [PersistentState(StorageNames.ResearchJob, StorageNames.Postgres)] IPersistentState<ResearchJobState> state,
    StrategyCatalog strategies,
    ResultPublisher publisher,
    JobIndex index,
    IOptions<ResearchLaneOptions> options,
    IObjectStore store,
    Aegis.Datasets.DatasetReader datasets,
    IServiceProvider services,
    ILogger<ResearchJobGrain> logger) : Grain, IResearchJobGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private readonly SemaphoreSlim _writing = new(1, 1);
    private IGrainTimer? _driver;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null && state.State.State == ResearchJobStatus.Running)
        {
            StartDriving();
        }

        return Task.CompletedTask;
    }

    public async Task<ResearchJobStatus> Submit(ResearchJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (state.State.Spec is { } known)
        {
            return SameSpec(known, spec) ? GetStatusNow() : throw new ArgumentException($"jobId: job '{JobId}' exists with another spec");
        }

        var plan = SweepPlan.Create(spec, strategies, options.Value.TrialsPerChunk);
        if (spec.Workers > 0 && Launcher is null or Launch.NoLauncher)
        {
            throw new ArgumentException($"workers: this research cluster has no launcher (set {ResearchLaneOptions.Section}:Launcher to local or fargate)");
        }

        var chunks = spec.WalkForward is { } walk
            ? (await FoldsAsync(spec, walk, plan)).Select((f, i) => new ChunkState { Index = i, Trials = [.. f.Trials], Fold = f.Fold }).ToList()
            : plan.Chunks.Select((c, i) => new ChunkState { Index = i, Trials = [.. c] }).ToList();
        state.State = new ResearchJobState
        {
            Spec = spec,
            BaseScenario = plan.BaseSpec.Id,
            Trials = plan.Trials.Count,
            Chunks = chunks,
        };
        await state.WriteStateAsync();
        await index.StartAsync(JobId, spec.Kind, spec.Dataset, plan.BaseSpec.Id, plan.Trials.Count, chunks.Count);
        await this.RegisterOrUpdateReminder(ResumeReminder, options.Value.ResumeInterval, options.Value.ResumeInterval);
        LogSubmitted(logger, JobId, spec.Kind, plan.Trials.Count, chunks.Count, spec.Dataset);
        StartDriving();
        return GetStatusNow();
    }

    public Task<ResearchJobStatus> GetStatus() => Task.FromResult(GetStatusNow());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Spec is not null && state.State.State == ResearchJobStatus.Running)
        {
            StartDriving();
        }
        else
        {
            await StopReminderAsync();
        }
    }

    private ResearchJobStatus GetStatusNow()
    {
        var job = state.State;
        if (job.Spec is null)
        {
            throw new ArgumentException($"jobId: no job '{JobId}'");
        }

        var bySilo = job.Chunks.Where(c => c.Done && c.Silo is not null).GroupBy(c => c.Silo!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ResearchJobStatus(JobId, job.State, job.Spec.Dataset, job.BaseScenario, job.Trials, job.Chunks.Count,
            job.Chunks.Count(c => c.Done), job.Retries, job.Error, job.ResultLocation, bySilo);
    }

    // A walk-forward job's folds span its dataset, whose time range the manifest gives without reading the data.
    private async Task<IReadOnlyList<(FoldWindow Fold, IReadOnlyList<SweepTrial> Trials)>> FoldsAsync(ResearchJobSpec spec, WalkForwardSpec walk, SweepPlan plan)
    {
        Aegis.Datasets.Layout.DatasetManifest manifest;
        try
        {
            manifest = await datasets.ReadManifestAsync(spec.Dataset);
        }
        catch (Aegis.Datasets.DatasetNotFoundException ex)
        {
            throw new ArgumentException($"dataset: {ex.Message}");
        }

        var quotes = manifest.Partitions.Where(p => p.Kind is Aegis.Datasets.Layout.DatasetManifest.QuotesKind or Aegis.Datasets.Partitions.BarPartitionCodec.Kind && p.Rows > 0).ToList();
        return quotes.Count == 0
            ? throw new ArgumentException($"dataset: '{spec.Dataset}' has no quotes")
            : SweepPlan.Folds(walk, plan.Trials, quotes.Min(p => p.FirstExchangeTimeUnixNs), quotes.Max(p => p.LastExchangeTimeUnixNs));
    }

    private IWorkerLauncher? Launcher => services.GetService<IWorkerLauncher>();


    public static string ManifestKey(string jobId) => $"jobs/job={jobId}/manifest.json";

    // Before the first chunk: the workers the job asked for, once (a job resumed after a restart keeps the ones it has).
    private async Task<bool> EnsureWorkersAsync(CancellationToken cancellationToken)
    {
        var spec = state.State.Spec!;
        if (spec.Workers == 0 || state.State.Workers is not null || state.State.Chunks.Any(c => c.Done))
        {
            return true;
        }

        var launcher = Launcher ?? throw new InvalidOperationException("the job asks for workers and this silo has no launcher");
        try
        {
            var key = ManifestKey(JobId);
            await store.PutAsync(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(spec, ResearchJson.Options), cancellationToken);
            var launched = await launcher.LaunchAsync(new WorkerLaunch(JobId, spec.Workers, store.Describe(key), WorkerEnvironment()), cancellationToken);
            await WriteAsync(job => job.Workers = launched);
            LogLaunched(logger, JobId, launched.Ids.Count, launcher.Kind);
            return true;
        }
        catch (Exception ex) when (ex is WorkerLaunchException or ObjectStoreUnavailableException)
        {
            await FailAsync($"workers: {ex.Message}");
            return false;
        }
    }

    // The research settings a worker needs to join this cluster and reach the same store (never a secret).
    private static Dictionary<string, string> WorkerEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: e.Value as string ?? ""))
            .Where(e => e.Name.StartsWith("Aegis__Research__S3__", StringComparison.Ordinal) && !e.Name.EndsWith("Key", StringComparison.Ordinal))
            .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    private async Task StopWorkersAsync()
    {
        if (state.State.Workers is not { } workers || Launcher is not { } launcher)
        {
            return;
        }

        try
        {
            await launcher.StopAsync(workers);
            await WriteAsync(job => job.Workers = null);
            LogWorkersStopped(logger, JobId, workers.Ids.Count);
        }
        catch (WorkerLaunchException ex)
        {
            LogWorkersNotStopped(logger, JobId, ex.Message);
        }
    }

    private void StartDriving() => _driver ??= this.RegisterGrainTimer(DriveAsync, new GrainTimerCreationOptions
    {
        DueTime = TimeSpan.Zero,
        Period = TimeSpan.FromSeconds(1),
        Interleave = true,
        KeepAlive = true,
    });

    private async Task DriveAsync(CancellationToken cancellationToken)
    {
        if (state.State.State != ResearchJobStatus.Running)
        {
            StopDriving();
            return;
        }

        if (!await EnsureWorkersAsync(cancellationToken))
        {
            StopDriving();
            await StopReminderAsync();
            return;
        }

        using var inFlight = new SemaphoreSlim(options.Value.ChunksInFlight);
        await Task.WhenAll(state.State.Chunks.Where(c => !c.Done).Select(c => RunChunkAsync(c, inFlight)));
        if (state.State.State == ResearchJobStatus.Running && state.State.Chunks.All(c => c.Done))
        {
            var location = await publisher.PublishAsync(JobId, state.State, cancellationToken);
            await WriteAsync(job =>
            {
                job.State = ResearchJobStatus.Completed;
                job.ResultLocation = location;
            });
            LogCompleted(logger, JobId, location);
        }

        if (state.State.State != ResearchJobStatus.Running)
        {
            StopDriving();
            await StopReminderAsync();
            await StopWorkersAsync();
        }
    }

    private async Task RunChunkAsync(ChunkState chunk, SemaphoreSlim inFlight)
    {
        await inFlight.WaitAsync();
        try
        {
            var job = state.State;
            var message = new SweepChunk(JobId, chunk.Index, job.Spec!.Dataset, job.Spec.ScenarioSpec, chunk.Trials, chunk.Fold);
            while (job.State == ResearchJobStatus.Running)
            {
                string reason;
                try
                {
                    var outcome = await GrainFactory.GetGrain<ISweepWorkerGrain>($"{JobId}/{chunk.Index}").Run(message);
                    if (outcome.Error is null)
                    {
                        await WriteAsync(_ =>
                        {
                            chunk.Done = true;
                            chunk.StagedKey = outcome.StagedKey;
                            chunk.Silo = outcome.Silo;
                        });
                        await index.ProgressAsync(JobId, job.Chunks.Count(c => c.Done), job.Retries);
                        return;
                    }

                    if (!outcome.Retryable)
                    {
                        await FailAsync($"chunk {chunk.Index}: {outcome.Error}");
                        return;
                    }

                    reason = outcome.Error;
                }
                catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.Messaging.ConnectionFailedException)
                {
                    reason = ex.Message;
                }

                // An outage: the worker's silo died, or the store did not answer. Try again after a growing delay.
                await WriteAsync(j =>
                {
                    chunk.Attempts++;
                    j.Retries++;
                });
                if (chunk.Attempts >= options.Value.MaxAttempts)
                {
                    await FailAsync($"chunk {chunk.Index}: unreachable after {chunk.Attempts} attempts: {reason}");
                    return;
                }

                LogRetrying(logger, JobId, chunk.Index, chunk.Attempts, reason);
                await Task.Delay(options.Value.RetryDelay * Math.Pow(2, chunk.Attempts - 1));
            }
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task FailAsync(string reason)
    {
        if (state.State.State != ResearchJobStatus.Running)
        {
            return;
        }

        await WriteAsync(job =>
        {
            job.State = ResearchJobStatus.Failed;
            job.Error = reason;
        });
        await index.FailAsync(JobId, reason);
        LogFailed(logger, JobId, reason);
    }

    // Chunks finish concurrently (interleaved on this activation): one state write at a time.
    private async Task WriteAsync(Action<ResearchJobState> change)
    {
        await _writing.WaitAsync();
        try
        {
            change(state.State);
            await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    private void StopDriving()
    {
        _driver?.Dispose();
        _driver = null;
    }

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static bool SameSpec(ResearchJobSpec a, ResearchJobSpec b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research job {JobId} ({Kind}): {Trials} trials in {Chunks} chunks over dataset {Dataset}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string kind, int trials, int chunks, string dataset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research job {JobId}: results published at {Location}")]
    private static partial void LogCompleted(ILogger logger, string jobId, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Research job {JobId}: chunk {Chunk} attempt {Attempt} failed, will retry: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string jobId, int chunk, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research job {JobId}: {Count} workers launched ({Launcher}) and joined")]
    private static partial void LogLaunched(ILogger logger, string jobId, int count, string launcher);

    [LoggerMessage(Level = LogLevel.Information, Message = "Research job {JobId}: stopped its {Count} workers")]
    private static partial void LogWorkersStopped(ILogger logger, string jobId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Research job {JobId}: its workers could not all be stopped: {Reason}")]
    private static partial void LogWorkersNotStopped(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Research job {JobId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string jobId, string reason);
}
