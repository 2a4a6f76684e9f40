using Orleans.Concurrency;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// One paper-trading scenario, keyed by its spec id. Owns its positions, cash, open orders and
/// fills; runs its strategy on each quote of the instruments it watches; journals every decision
/// together with the inputs that caused it (its input log).
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Creates the scenario from a YAML or JSON spec. Refused if it already exists or the spec is invalid.</summary>
    Task<ScenarioCommandResult> Create(string specText);

    /// <summary>
    /// A feed's delivery, processed at once: first whatever the scenario lacks of each stream up to the
    /// delivery's marks (read from the tape), then its quotes; quotes at or below the last processed
    /// sequence of their stream are ignored. Answers before the decisions are journaled (see
    /// <see cref="FlushJournal"/>), so a slow commit never holds up the feed. A scenario that is too far
    /// behind catches up from the tape a bounded piece per call and answers "not taken" meanwhile.
    /// </summary>
    [AlwaysInterleave]
    Task<DeliveryReceipt> OnDelivery(FeedDelivery delivery);

    /// <summary>Commits every input taken so far (and the decisions they caused); returns the last input journaled.
    /// Falls short when the journal cannot be written now (the database is away): they stay pending and are retried.</summary>
    Task<long> FlushJournal();

    /// <summary>Null if the scenario does not exist.</summary>
    Task<ScenarioSummary?> GetSummary();

    /// <summary>The spec text the scenario was created from; null if it does not exist.</summary>
    [AlwaysInterleave]
    Task<string?> GetSpec();

    /// <summary>Null if the scenario does not exist.</summary>
    Task<ScenarioDetails?> GetDetails();

    Task<ScenarioCommandResult> Pause();

    Task<ScenarioCommandResult> Resume();

    Task<ScenarioCommandResult> Halt(string reason);

    /// <summary>Terminal: flattens nothing, stops trading and unsubscribes from its feeds.</summary>
    Task<ScenarioCommandResult> Retire();
}
