namespace Aegis.Launchers;

/// <summary>
/// Starts research worker silos for a job and stops them when it is done: processes on this machine, or Fargate tasks.
/// A launch returns only once every worker has joined the research cluster's membership; a launch that fails part way
/// stops what it started before it throws, so nothing is left running.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary><c>local</c> or <c>fargate</c>.</summary>
    string Kind { get; }

    /// <exception cref="WorkerLaunchException">The workers could not all be started and joined; none is left running.</exception>
    Task<LaunchedWorkers> LaunchAsync(WorkerLaunch launch, CancellationToken cancellationToken = default);

    /// <summary>Stops workers this launcher started (also after a restart of the caller, from the ids it recorded).</summary>
    Task StopAsync(LaunchedWorkers workers, CancellationToken cancellationToken = default);
}

/// <summary>
/// What to launch: <paramref name="Count"/> research silos for job <paramref name="JobId"/>, told where the job's
/// manifest is (<paramref name="JobManifestUri"/>) and given the research cluster's settings as environment variables
/// (<paramref name="Environment"/>; never secrets, which come from the task definition or the machine).
/// </summary>
public sealed record WorkerLaunch(string JobId, int Count, string JobManifestUri, IReadOnlyDictionary<string, string> Environment)
{
    public const string JobIdVariable = "AEGIS_JOB_ID";
    public const string JobManifestVariable = "AEGIS_JOB_MANIFEST";

    /// <summary>The variables every worker gets: the settings, then the job's id and manifest.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables() =>
        [.. Environment.OrderBy(e => e.Key, StringComparer.Ordinal), new(JobIdVariable, JobId), new(JobManifestVariable, JobManifestUri)];
}

/// <summary>Workers a launcher started: its kind and their ids (task ARNs, or process ids).</summary>
public sealed record LaunchedWorkers(string Kind, IReadOnlyList<string> Ids);

/// <summary>Active silos in the research cluster's membership table: how a launcher knows its workers have joined.</summary>
public delegate Task<int> ActiveSiloCount(CancellationToken cancellationToken);

/// <summary>A launch that did not bring every worker up; whatever it had started is stopped.</summary>
public sealed class WorkerLaunchException(string message, Exception? inner = null) : Exception(message, inner);
