namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// Replays a scenario from its durable inputs (its input log and the quote tape), from its creation
/// on, through the same engine the live lane runs, and compares every decision with its journal.
/// Keyed by scenario id; stateless, so a long replay never holds up the scenario itself.
/// </summary>
public interface IScenarioReplayGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replays and compares the decisions numbered <paramref name="fromDecision"/>..<paramref name="toDecision"/>
    /// (the replay itself always starts at the creation: decisions depend on everything before them).
    /// Null if the scenario does not exist.
    /// </summary>
    Task<ScenarioReplayResult?> Replay(long fromDecision, long toDecision);
}
