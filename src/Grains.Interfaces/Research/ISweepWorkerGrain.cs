namespace Aegis.Grains.Interfaces.Research;

/// <summary>
/// Runs one chunk of a sweep (keyed <c>JOB/CHUNK</c>). Holds no state: its output goes to the object store's
/// staging area. Its activations are spread over the research silos by chunk number, not placed on the caller's silo.
/// </summary>
public interface ISweepWorkerGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:30:00")]
    Task<ChunkOutcome> Run(SweepChunk chunk);
}
