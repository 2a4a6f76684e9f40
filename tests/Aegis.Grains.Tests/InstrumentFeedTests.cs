using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class InstrumentFeedTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Malformed_quotes_are_rejected_with_counted_reasons_and_never_reach_a_scenario()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "malformed");
        var created = await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(Quotes.MovingAverageSpec("watcher"));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");

        var result = await feed.Publish(new QuoteBatch(
        [
            Quotes.At("SPY", 1, 100m),
            Quotes.At("SPY", 2, 101m, ask: 100m),        // crossed
            Quotes.At("SPY", 3, -1m),                    // negative
            Quotes.At("SPY", 4, 0m),                     // zero bid
            Quotes.At("SPY", 5, 100m) with { BidSize = -5 }, // negative size
            Quotes.At("QQQ", 6, 100m),                   // another instrument's quote on this feed
            Quotes.At("SPY", 7, 100.5m),
        ]));

        Assert.Equal(new FeedPublishResult(Accepted: 2, Duplicates: 0, OutOfOrder: 0, Rejected: 5), result);
        var status = await feed.GetStatus();
        Assert.Equal(2, status.Accepted);
        Assert.Equal(1, status.RejectedByReason["Crossed"]);
        Assert.Equal(2, status.RejectedByReason["NonPositivePrice"]);
        Assert.Equal(1, status.RejectedByReason["NegativeSize"]);
        Assert.Equal(1, status.RejectedByReason["UnknownInstrument"]);
        Assert.Equal(2, (await live.Client.GetGrain<IScenarioGrain>("watcher").GetSummary())!.QuotesProcessed);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_quotes_are_dropped_by_sequence()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "dedupe");
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("AAPL");

        await feed.Publish(new QuoteBatch([Quotes.At("AAPL", 10, 200m), Quotes.At("AAPL", 11, 200m)]));
        var again = await feed.Publish(new QuoteBatch([Quotes.At("AAPL", 11, 200m), Quotes.At("AAPL", 9, 200m), Quotes.At("AAPL", 12, 201m)]));

        Assert.Equal(new FeedPublishResult(Accepted: 1, Duplicates: 1, OutOfOrder: 1, Rejected: 0), again);
        Assert.Equal(12, (await feed.GetStatus()).LastQuote!.Sequence);
        Assert.Equal([10L, 11L, 12L], (await feed.GetRecentQuotes(10)).Select(q => q.Sequence));
    }

    [Fact]
    public async Task A_feed_for_an_unknown_instrument_rejects_everything()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "unknown");
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("NOPE");

        var result = await feed.Publish(new QuoteBatch([Quotes.At("NOPE", 1, 10m), Quotes.At("NOPE", 2, 10m)]));

        Assert.Equal(new FeedPublishResult(0, 0, 0, 2), result);
        var status = await feed.GetStatus();
        Assert.False(status.KnownInstrument);
        Assert.Equal(2, status.RejectedByReason["UnknownInstrument"]);
    }

    [Fact]
    public async Task Accepted_quotes_reach_the_tape_and_are_sampled_at_the_configured_interval()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "tape");
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("MSFT");

        // One quote a second for 20 s of exchange time, then 10 quotes within one second.
        await feed.Publish(new QuoteBatch(Enumerable.Range(1, 20).Select(i => Quotes.At("MSFT", i, 400m)).ToArray()));
        await feed.Publish(new QuoteBatch(Enumerable.Range(0, 10).Select(i => Quotes.At("MSFT", 21, 400m) with
        {
            Sequence = 100 + i,
            ExchangeTimeUnixNs = Quotes.StartUnixNs + (30L * 1_000_000_000) + (i * 50_000_000),
        }).ToArray()));
        await live.Tape.DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(30, await live.CountAsync("SELECT count(*) FROM quote_tape WHERE instrument_id = 'MSFT'"));
        Assert.Equal(21, await live.CountAsync("SELECT count(*) FROM quote_samples WHERE instrument_id = 'MSFT'"));
        Assert.Equal(21, (await feed.GetStatus()).SamplesTaken);
    }
}
