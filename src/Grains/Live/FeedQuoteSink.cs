using Aegis.Connectors;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>Connector → feeds: splits a connector batch by instrument and publishes each part to its
/// feed grain in parallel. Copies the quotes, because connectors reuse their buffers.</summary>
public sealed class FeedQuoteSink(IGrainFactory grains, Action<Quote, int>? published = null) : IQuoteSink
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

            calls.Add(feed.Publish(new QuoteBatch(quotes.ToArray())));
        }

        await Task.WhenAll(calls);
        if (published is not null && batch.Length > 0)
        {
            published(batch.Span[^1], batch.Length);
        }
    }
}
