namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// Replays the shipped market day into the feeds (the embedded default market). A grain, so the
/// replay survives the loss of the silo running it: it resumes from its persisted cursor wherever
/// it is reactivated. Its settings are the cluster's, not one silo's: they are persisted with the
/// cursor when a silo configured to run the replay calls in.
/// </summary>
public interface IReplayGrain : IGrainWithStringKey
{
    const string Key = "sample-day";

    /// <summary>
    /// Starts (or keeps running) the replay if it is enabled; idempotent. Every live silo calls it
    /// every few seconds: one configured to run the replay passes its settings in
    /// <paramref name="request"/>, which enables the replay for the whole cluster (and restarts a
    /// run with other settings from its cursor); any other passes null and only keeps an enabled
    /// replay running.
    /// </summary>
    Task EnsureRunning(ReplayRequest? request);

    Task<ReplayStatus> GetStatus();
}
