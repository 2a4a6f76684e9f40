using Aegis.Connectors;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>
/// Connector → feeds: splits a connector batch by instrument and publishes each part to its feed grain
/// in parallel. Copies the quotes, because connectors reuse their buffers. A publish that fails
/// transiently (the feed waits for the database, or its silo died) is sent again through
/// <paramref name="retry"/> until it succeeds: feeds drop quotes at or below the last sequence they
/// have from a source, so a part delivered twice is taken once.
/// </summary>
/// <param name="grains">Reaches the feed grains.</param>
/// <param name="retry">Sends a part again after a transient failure.</param>
/// <param name="published">Called with the batch's last quote and its size once every part was taken.</param>
/// <param name="publishFailed">Called with the instrument and the error each time a part must be sent again.</param>
/// <param name="timeOrderedInstruments">Set when the connector publishes in exchange-time order across these
/// instruments (a replayed day): each part then carries a watermark (everything before the batch's last
/// exchange time is out), and the feeds of these instruments with nothing in a batch are advanced too (at
/// most every <see cref="IdleAdvanceInterval"/>), so scenarios that merge several feeds never wait.</param>
public sealed class FeedQuoteSink(
    IGrainFactory grains,
    TransientCallRetry retry,
    Action<Quote, int>? published = null,
    Action<string, Exception>? publishFailed = null,
    IReadOnlyCollection<string>? timeOrderedInstruments = null) : IQuoteSink
{
    public static readonly TimeSpan IdleAdvanceInterval = TimeSpan.FromMilliseconds(20);

    private long _lastIdleAdvance = long.MinValue;

    private readonly Dictionary<string, List<Quote>> _byInstrument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IInstrumentFeedGrain> _feeds = new(StringComparer.Ordinal);

    public async ValueTask PublishAsync(ReadOnlyMemory<Quote> batch, CancellationToken cancellationToken)
    {
        foreach (var list in _byInstrument.Values)
        {
            list.Clear();
        }

        foreach (var quote in batch.Span)
        {
            if (!_byInstrument.TryGetValue(quote.InstrumentId, out var list))
            {
                _byInstrument[quote.InstrumentId] = list = [];
            }

            list.Add(quote);
        }

        // Quotes at the batch's last instant may continue in the next batch: the promise stops just before it.
        var watermark = timeOrderedInstruments is null || batch.Length == 0 ? long.MinValue : batch.Span[^1].ExchangeTimeUnixNs - 1;
        var calls = new List<Task>(_byInstrument.Count);
        foreach (var (instrumentId, quotes) in _byInstrument)
        {
            if (quotes.Count == 0)
            {
                continue;
            }

            var feed = Feed(instrumentId);
            var part = new QuoteBatch(quotes.ToArray(), watermark);
            calls.Add(retry.RunAsync(() => feed.Publish(part), Failed(instrumentId), cancellationToken));
        }

        if (watermark != long.MinValue && Environment.TickCount64 - _lastIdleAdvance >= (long)IdleAdvanceInterval.TotalMilliseconds)
        {
            _lastIdleAdvance = Environment.TickCount64;
            foreach (var instrumentId in timeOrderedInstruments!)
            {
                if (!_byInstrument.TryGetValue(instrumentId, out var quotes) || quotes.Count == 0)
                {
                    var feed = Feed(instrumentId);
                    calls.Add(retry.RunAsync(async () => { await feed.Advance(watermark); return true; }, Failed(instrumentId), cancellationToken));
                }
            }
        }

        await Task.WhenAll(calls);
        if (published is not null && batch.Length > 0)
        {
            published(batch.Span[^1], batch.Length);
        }
    }

    private IInstrumentFeedGrain Feed(string instrumentId)
    {
        if (!_feeds.TryGetValue(instrumentId, out var feed))
        {
            _feeds[instrumentId] = feed = grains.GetGrain<IInstrumentFeedGrain>(instrumentId);
        }

        return feed;
    }

    private Action<Exception, TimeSpan>? Failed(string instrumentId) =>
        publishFailed is null ? null : (error, _) => publishFailed(instrumentId, error);
}
