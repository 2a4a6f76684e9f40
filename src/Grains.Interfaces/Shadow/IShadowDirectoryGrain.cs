namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// The shadow lane's list of twins (one instance, key <see cref="Key"/>): it finds the live scenarios in their
/// recorded specs and keeps a twin following each. Its silos' keep-alive calls <see cref="Refresh"/> on a timer,
/// so twins resume by themselves after any restart.
/// </summary>
public interface IShadowDirectoryGrain : IGrainWithStringKey
{
    const string Key = "shadow";

    /// <summary>Wakes the twin of every recorded live scenario; returns how many there are.</summary>
    Task<int> Refresh();

    /// <summary>Silos and builds of both lanes, and every twin's progress.</summary>
    Task<ShadowOverview> GetOverview();

    /// <summary>Every twin's parity report (those that compared nothing yet included).</summary>
    Task<IReadOnlyList<ParityReport>> GetParity();
}
