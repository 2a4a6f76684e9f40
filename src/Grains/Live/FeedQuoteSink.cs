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
public sealed class FeedQuoteSink(
    IGrainFactory grains,
    TransientCallRetry retry,
    Action<Quote, int>? published = null,
    Action<string, Exception>? publishFailed = null) : IQuoteSink
{
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

        var calls = new List<Task<FeedPublishResult>>(_byInstrument.Count);
        foreach (var (instrumentId, quotes) in _byInstrument)
        {
            if (quotes.Count == 0)
            {
                continue;
            }

            if (!_feeds.TryGetValue(instrumentId, out var feed))
            {
                _feeds[instrumentId] = feed = grains.GetGrain<IInstrumentFeedGrain>(instrumentId);
            }

            var part = new QuoteBatch(quotes.ToArray());
            var failed = publishFailed is null ? null : new Action<Exception, TimeSpan>((error, _) => publishFailed(instrumentId, error));
            calls.Add(retry.RunAsync(() => feed.Publish(part), failed, cancellationToken));
        }

        await Task.WhenAll(calls);
        if (published is not null && batch.Length > 0)
        {
            published(batch.Span[^1], batch.Length);
        }
    }
}
