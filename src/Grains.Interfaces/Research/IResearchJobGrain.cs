using Orleans.Concurrency;

namespace Aegis.Grains.Interfaces.Research;

/// <summary>
/// One research job (keyed by its id). Its spec, chunks and progress are persisted, so a job resumes after a silo
/// restart; it fans its chunks out to <see cref="ISweepWorkerGrain"/>s spread over every research silo and publishes
/// the results when every chunk is done.
/// </summary>
public interface IResearchJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job, or returns its status if it was submitted before with the same spec.</summary>
    /// <exception cref="ArgumentException">The spec is malformed: the message names the field and the reason.</exception>
    Task<ResearchJobStatus> Submit(ResearchJobSpec spec);

    [AlwaysInterleave]
    Task<ResearchJobStatus> GetStatus();
}
