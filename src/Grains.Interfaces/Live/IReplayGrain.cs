namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// Replays the shipped market day into the feeds (the embedded default market). A grain, so the
/// replay survives the loss of the silo running it: it resumes from its persisted cursor wherever
/// it is reactivated.
/// </summary>
public interface IReplayGrain : IGrainWithStringKey
{
    const string Key = "sample-day";

    /// <summary>Starts (or keeps running) the replay; idempotent. Every live silo calls it periodically.</summary>
    Task EnsureRunning();

    Task<ReplayStatus> GetStatus();
}
