using Orleans.Concurrency;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// One paper-trading scenario, keyed by its spec id. Owns its positions, cash, open orders and
/// fills; runs its strategy on each quote of the instruments it watches; journals every decision
/// before acknowledging the quotes that caused it.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Creates the scenario from a YAML or JSON spec. Refused if it already exists or the spec is invalid.</summary>
    Task<ScenarioCommandResult> Create(string specText);

    /// <summary>
    /// Quotes from a feed. Quotes at or below the last processed sequence of their instrument are
    /// ignored. Completes once the decisions they caused are journaled. Interleaves: while one call
    /// waits for its journal commit, batches from the scenario's other feeds are processed (each
    /// batch is processed in one turn, so the engine never sees two at once).
    /// </summary>
    [AlwaysInterleave]
    Task OnQuotes(QuoteBatch batch);

    /// <summary>Null if the scenario does not exist.</summary>
    Task<ScenarioSummary?> GetSummary();

    /// <summary>Null if the scenario does not exist.</summary>
    Task<ScenarioDetails?> GetDetails();

    Task<ScenarioCommandResult> Pause();

    Task<ScenarioCommandResult> Resume();

    Task<ScenarioCommandResult> Halt(string reason);

    /// <summary>Terminal: flattens nothing, stops trading and unsubscribes from its feeds.</summary>
    Task<ScenarioCommandResult> Retire();
}
