namespace Aegis.Grains.Research.Hosting;

/// <summary>
/// Research lane settings (section <c>Aegis:Research</c>). Datasets and results live in S3 when
/// <c>Aegis:Research:S3:Bucket</c> is set, else in <see cref="Directory"/> (default <c>HOME/research</c>).
/// </summary>
public sealed class ResearchLaneOptions
{
    public const string Section = "Aegis:Research";

    /// <summary>The local object store's folder when no S3 bucket is configured; empty for <c>HOME/research</c>.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>Trials per worker call when the job does not say.</summary>
    public int TrialsPerChunk { get; set; } = 25;

    /// <summary>How many times a chunk is tried when its worker's silo or the store is unreachable.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the first retry; it doubles with each attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chunks in flight at once, over all the research silos.</summary>
    public int ChunksInFlight { get; set; } = 8;

    /// <summary>
    /// What starts the workers a job asks for (<c>workers</c> in its spec): <c>local</c> (research silo processes on
    /// this machine), <c>fargate</c> (ECS tasks, section <c>Aegis:Research:Fargate</c>), or empty for none: jobs then
    /// run on the research silos that are up.
    /// </summary>
    public string Launcher { get; set; } = string.Empty;

    /// <summary>How long a launch may take until every worker has joined.</summary>
    public TimeSpan LaunchTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often a running job's reminder wakes it (after a silo restart, it resumes on the next tick).</summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);
}
