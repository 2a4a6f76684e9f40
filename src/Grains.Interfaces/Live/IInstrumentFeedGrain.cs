namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// One instrument's quote feed, keyed by instrument id (<c>AAPL</c>, <c>SPY260116C00450000</c>).
/// Connectors publish into it; it drops duplicate and out-of-order quotes by sequence, rejects
/// malformed ones with a counted reason, records the tape and samples, and fans accepted quotes
/// out to the scenarios that watch the instrument.
/// </summary>
public interface IInstrumentFeedGrain : IGrainWithStringKey
{
    Task<FeedPublishResult> Publish(QuoteBatch batch);

    /// <summary>Adds a scenario to the fan-out; idempotent.</summary>
    Task Subscribe(string scenarioId);

    /// <summary>Removes a scenario from the fan-out; idempotent.</summary>
    Task Unsubscribe(string scenarioId);

    Task<FeedStatus> GetStatus();

    /// <summary>The newest accepted quotes, oldest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<QuoteView>> GetRecentQuotes(int count);
}
