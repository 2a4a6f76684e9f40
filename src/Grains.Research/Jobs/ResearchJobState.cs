using Aegis.Grains.Interfaces.Research;

namespace Aegis.Grains.Research.Jobs;

/// <summary>A job as persisted: its spec, its chunks and what became of each, and where it stands.</summary>
public sealed class ResearchJobState
{
    public ResearchJobSpec? Spec { get; set; }

    public string BaseScenario { get; set; } = string.Empty;

    public int Trials { get; set; }

    public List<ChunkState> Chunks { get; set; } = [];

    public string State { get; set; } = ResearchJobStatus.Running;

    public string? Error { get; set; }

    public int Retries { get; set; }

    public string? ResultLocation { get; set; }

    /// <summary>Workers launched for this job and not yet stopped.</summary>
    public Aegis.Launchers.LaunchedWorkers? Workers { get; set; }
}

/// <summary>One chunk: its trials, and once done, where its results are staged and which silo ran it.</summary>
public sealed class ChunkState
{
    public int Index { get; set; }

    public List<SweepTrial> Trials { get; set; } = [];

    public bool Done { get; set; }

    public string? StagedKey { get; set; }

    public string? Silo { get; set; }

    public int Attempts { get; set; }

    /// <summary>A walk-forward job's fold (the chunk then holds every trial).</summary>
    public FoldWindow? Fold { get; set; }
}
