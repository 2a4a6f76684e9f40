namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// The scan cycle (one instance, key <see cref="Key"/>): on a reminder, one snapshot row per scenario (positions,
/// PnL, status, lag) and per quote stream (last quote, staleness), for the dashboard and later analysis.
/// </summary>
public interface IScanCycleGrain : IGrainWithStringKey
{
    const string Key = "shadow";

    /// <summary>Takes one scan now; returns how many scenario and feed rows it wrote.</summary>
    Task<ScanResult> Scan();

    /// <summary>Registers the schedule if it is not registered yet.</summary>
    Task EnsureScheduled();
}
