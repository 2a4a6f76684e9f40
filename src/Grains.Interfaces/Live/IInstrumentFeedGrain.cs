namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// One instrument's quote feed, keyed by instrument id (<c>AAPL</c>, <c>SPY260116C00450000</c>).
/// Connectors publish into it and get an answer once the quotes are in the tape; it drops duplicate and out-of-order quotes by sequence, rejects
/// malformed ones with a counted reason, records the tape and samples, and fans accepted quotes
/// out to the scenarios that watch the instrument.
/// </summary>
public interface IInstrumentFeedGrain : IGrainWithStringKey
{
    Task<FeedPublishResult> Publish(QuoteBatch batch);

    /// <summary>
    /// The publisher has nothing for this instrument up to <paramref name="watermarkUnixNs"/> (exchange time):
    /// raises the feed's watermark so scenarios that merge it with other feeds need not wait for it.
    /// </summary>
    Task Advance(long watermarkUnixNs);

    /// <summary>Adds a scenario to the fan-out; idempotent. Returns the feed's last accepted sequence per source: the
    /// scenario gets every quote after these.</summary>
    Task<StreamMark[]> Subscribe(string scenarioId);

    /// <summary>
    /// A scenario's new activation asks where the feed is: its next delivery carries the feed's marks, so
    /// whatever the old activation took but never journaled is read back from the tape. Returns at once.
    /// </summary>
    Task Resync(string scenarioId);

    /// <summary>How far behind this feed a scenario is (nothing waits for a scenario that does not watch it).</summary>
    Task<FeedLag> GetLag(string scenarioId);

    /// <summary>Removes a scenario from the fan-out; idempotent.</summary>
    Task Unsubscribe(string scenarioId);

    Task<FeedStatus> GetStatus();

    /// <summary>The newest accepted quotes, oldest first, at most <paramref name="count"/>.</summary>
    Task<IReadOnlyList<QuoteView>> GetRecentQuotes(int count);
}
