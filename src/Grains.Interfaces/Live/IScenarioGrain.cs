using Orleans.Concurrency;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// One paper-trading scenario, keyed by its spec id. Owns its positions, cash, open orders and
/// fills; runs its strategy on each quote of the instruments it watches; journals every decision
/// before the feed acknowledges the quotes that caused it.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Creates the scenario from a YAML or JSON spec. Refused if it already exists or the spec is invalid.</summary>
    Task<ScenarioCommandResult> Create(string specText);

    /// <summary>
    /// Quotes from a feed, processed in one turn: quotes at or below the last processed sequence of
    /// their instrument are ignored. Returns once processed, before the decisions are journaled (see
    /// <see cref="WaitJournaled"/>), so a slow commit never holds up the next quotes. Refused unprocessed
    /// when <paramref name="expectedActivation"/> is set and is not this activation: the caller still
    /// holds batches whose decisions the previous activation lost, and must send those first.
    /// </summary>
    [AlwaysInterleave]
    Task<QuoteBatchReceipt> OnQuotes(QuoteBatch batch, Guid expectedActivation);

    /// <summary>
    /// Completes once this activation's inputs up to <paramref name="inputSequence"/> (and the decisions
    /// they caused) are journaled, or a commit attempt failed (the database is away: they stay pending,
    /// are retried, and the answer falls short of the sequence asked for).
    /// Answers at once, with its own id, if <paramref name="activation"/> is not this activation.
    /// </summary>
    [AlwaysInterleave]
    Task<JournalProgress> WaitJournaled(Guid activation, long inputSequence);

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
