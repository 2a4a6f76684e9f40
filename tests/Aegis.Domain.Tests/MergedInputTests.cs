using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Strategies;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class MergedInputTests
{
    private static readonly decimal[] Path = [100, 100, 100, 100, 101, 102, 103, 104, 103, 102, 101, 100, 99, 98, 99, 100, 101, 102, 103];

    // Two instruments a second apart in turn, with some quotes at the same instant.
    private static Quote[] Stream(string id, long offsetMs) =>
        Path.Select((bid, i) => Q(id, bid, bid + 0.01m, i + 1, T0 + Seconds(i) + (offsetMs * 1_000_000))).ToArray();

    [Fact]
    public void Merging_orders_by_exchange_time_then_instrument_source_and_sequence_and_never_reorders_a_stream()
    {
        var spy = new[] { Q("SPY", 1, 1.01m, 1, T0), Q("SPY", 1, 1.01m, 2, T0 + 5), Q("SPY", 1, 1.01m, 3, T0 + 2) };
        var aapl = new[] { Q("AAPL", 1, 1.01m, 7, T0), Q("AAPL", 1, 1.01m, 8, T0 + 3) };

        var merged = ExchangeTimeOrder.Merge([spy, aapl]);

        // At T0 AAPL sorts before SPY; SPY 3 (T0+2) stays after SPY 2 (T0+5): a stream is never reordered.
        Assert.Equal(["AAPL7", "SPY1", "AAPL8", "SPY2", "SPY3"], merged.Select(q => q.InstrumentId + q.Sequence));
    }

    [Fact]
    public void A_watermark_merge_releases_the_same_order_however_the_feeds_deliveries_interleave()
    {
        var spy = Stream("SPY", 0);
        var aapl = Stream("AAPL", 0);

        Quote[] Run(bool spyFirst, int chunk)
        {
            var merge = new WatermarkMerge(["SPY", "AAPL"]);
            var released = new List<Quote>();
            for (var at = 0; at < Path.Length; at += chunk)
            {
                foreach (var (id, quotes) in spyFirst ? new[] { ("SPY", spy), ("AAPL", aapl) } : [("AAPL", aapl), ("SPY", spy)])
                {
                    var part = quotes.Skip(at).Take(chunk).ToArray();
                    merge.Add(part);
                    merge.Advance(id, part[^1].ExchangeTimeUnixNs - 1);
                    released.AddRange(merge.Release());
                }
            }

            merge.Advance("SPY", long.MaxValue);
            merge.Advance("AAPL", long.MaxValue);
            released.AddRange(merge.Release());
            Assert.Equal(0, merge.Held);
            return [.. released];
        }

        var expected = ExchangeTimeOrder.Merge([spy, aapl]);
        Assert.Equal(expected, Run(spyFirst: true, chunk: 1));
        Assert.Equal(expected, Run(spyFirst: false, chunk: 3));
        Assert.Equal(expected, Run(spyFirst: false, chunk: 7));
    }

    [Fact]
    public void A_feed_that_promised_nothing_holds_everything_back_and_a_promise_is_never_taken_back()
    {
        var merge = new WatermarkMerge(["SPY", "AAPL"]);
        merge.Add(Stream("SPY", 0));
        merge.Add(Stream("SPY", 0)[^3..]);
        Assert.Equal(Path.Length, merge.Held);
        merge.Advance("SPY", long.MaxValue);
        Assert.Empty(merge.Release());
        Assert.True(merge.TryGetLastHeld("SPY", "replay", out var last));
        Assert.Equal(Path.Length, last);

        merge.Advance("AAPL", T0 + Seconds(3));
        merge.Advance("AAPL", T0);
        Assert.Equal([1L, 2, 3, 4], merge.Release().Select(q => q.Sequence));
        Assert.False(merge.TryGetLastHeld("AAPL", "replay", out _));
    }

    [Fact]
    public void Merged_quotes_are_logged_as_one_group_per_release_and_replay_to_the_same_decisions()
    {
        var spec = Spec(instruments: ["SPY", "AAPL"]);
        IStrategy Strategy() => new MovingAverageCrossover(2, 4, 10, allowShort: true);
        var spy = Stream("SPY", 0);
        var aapl = Stream("AAPL", 400);
        var live = new ScenarioRunner(Engine(spec, Strategy()));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        live.ProcessMerged(ExchangeTimeOrder.Merge([spy[..10], aapl[..10]]), inputs, journal);
        live.ProcessMerged(ExchangeTimeOrder.Merge([spy[10..], aapl[10..12]]), inputs, journal);
        live.ProcessMerged(aapl[12..], inputs, journal);

        Assert.Equal([(1L, "AAPL", 1L), (2, "SPY", 1), (3, "AAPL", 3), (4, "SPY", 3), (5, "AAPL", 0)],
            inputs.Select(i => (i.InputSequence, i.InstrumentId, i.MergedWith)));
        Assert.True(journal.Count >= 4, $"both zigzags should trade, got {journal.Count} decisions");
        Assert.All(journal, d => Assert.Equal(d.Decision.InstrumentId, inputs[(int)d.InputSequence - 1].InstrumentId));

        var tape = new QuoteHistory();
        tape.Add("replay", "SPY", spy);
        tape.Add("replay", "AAPL", aapl);
        var report = ScenarioReplayer.Replay(new ScenarioRunner(Engine(spec, Strategy())), inputs, tape, journal);
        Assert.True(report.Identical, report.Divergence?.ToString() ?? report.Error);
        Assert.Equal(journal.Count, report.DecisionsCompared);
        Assert.Equal(inputs.Count, report.InputsReplayed);

        // Taken one input after the other instead of merged, the same quotes decide differently.
        var unmerged = inputs.Select(i => i with { MergedWith = 0 }).ToList();
        Assert.False(ScenarioReplayer.Replay(new ScenarioRunner(Engine(spec, Strategy())), unmerged, tape, journal).Identical);
    }
}
