namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// The shadow twin of one live scenario (keyed by its id): the same spec, the strategy code of the shadow's
/// build, and the live scenario's logged inputs in their order, quotes from the tape. Its decisions go to the
/// shadow decision journal, never to an order path. It resumes from its persisted position after any restart,
/// without skipping or repeating an input.
/// </summary>
public interface IShadowScenarioGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the twin is following its scenario.</summary>
    Task Follow();

    Task<ShadowTwinStatus> GetStatus();

    /// <summary>The twin's book after its last decision; null while it is not following.</summary>
    Task<ShadowBook?> GetBook();
}
