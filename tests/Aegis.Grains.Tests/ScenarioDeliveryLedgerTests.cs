using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Live;
using Microsoft.Extensions.Time.Testing;

namespace Aegis.Grains.Tests;

public sealed class ScenarioDeliveryLedgerTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-02T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ScenarioDeliveryLedger Ledger(int maxQueued = 100, int maxPerDelivery = 50) => new("SPY", maxQueued, maxPerDelivery, _clock);

    private static Quote[] Run(long first, int count, string source = "test") =>
        Enumerable.Range(0, count).Select(i => Quotes.At("SPY", first + i, 100m, source: source)).ToArray();

    private static StreamMark[] After(long sequence, string source = "test") => [new(source, sequence)];

    [Fact]
    public void Queued_batches_go_out_together_in_order_one_delivery_at_a_time_and_say_where_the_stream_must_be()
    {
        var ledger = Ledger();
        ledger.Enqueue(Run(11, 10), After(10));
        ledger.Enqueue(Run(21, 10), After(20));

        var first = ledger.TakeNext()!;
        Assert.Equal(Enumerable.Range(11, 20).Select(i => (long)i), first.Quotes.Select(q => q.Sequence));
        Assert.Equal(After(10), first.Through);
        Assert.True(ledger.IsOut);

        ledger.Enqueue(Run(31, 5), After(30));
        Assert.Null(ledger.TakeNext());
        Assert.Equal(25, ledger.Backlog);

        ledger.Answered(DeliveryReceipt.Processed);
        var second = ledger.TakeNext()!;
        Assert.Equal([31L, 32, 33, 34, 35], second.Quotes.Select(q => q.Sequence));
        Assert.Equal(After(30), second.Through);
        ledger.Answered(DeliveryReceipt.Processed);
        Assert.False(ledger.HasWork);
        Assert.Equal(0, ledger.Backlog);
        Assert.Equal(0, ledger.DroppedTotal);
    }

    [Fact]
    public void A_delivery_never_exceeds_the_per_delivery_bound_unless_one_batch_alone_does()
    {
        var ledger = Ledger(maxQueued: 1_000, maxPerDelivery: 25);
        ledger.Enqueue(Run(1, 20), After(0));
        ledger.Enqueue(Run(21, 20), After(20));
        ledger.Enqueue(Run(41, 60), After(40));

        Assert.Equal(20, ledger.TakeNext()!.Quotes.Length);
        ledger.Answered(DeliveryReceipt.Processed);
        Assert.Equal(20, ledger.TakeNext()!.Quotes.Length);
        ledger.Answered(DeliveryReceipt.Processed);
        Assert.Equal(60, ledger.TakeNext()!.Quotes.Length);
    }

    [Fact]
    public void Past_its_bound_the_queue_is_dropped_and_the_next_delivery_names_the_last_dropped_sequence_even_without_quotes()
    {
        var ledger = Ledger(maxQueued: 30);
        ledger.Enqueue(Run(1, 10), After(0));
        var outNow = ledger.TakeNext()!;
        Assert.Equal(10, outNow.Quotes.Length);

        ledger.Enqueue(Run(11, 20), After(10));
        ledger.Enqueue(Run(31, 20), After(30));
        Assert.Equal(40, ledger.DroppedTotal);
        Assert.Equal(50, ledger.Backlog);

        ledger.Answered(DeliveryReceipt.Processed);
        var marksOnly = ledger.TakeNext()!;
        Assert.Empty(marksOnly.Quotes);
        Assert.Equal(After(50), marksOnly.Through);

        ledger.Enqueue(Run(51, 5), After(50));
        ledger.Answered(DeliveryReceipt.Processed);
        var next = ledger.TakeNext()!;
        Assert.Equal(After(50), next.Through);
        Assert.Equal(51, next.Quotes[0].Sequence);
    }

    [Fact]
    public void Quotes_a_scenario_does_not_take_are_dropped_for_the_tape_and_their_marks_travel_with_later_quotes()
    {
        var ledger = Ledger();
        ledger.Enqueue(Run(1, 10), After(0));
        ledger.TakeNext();
        ledger.Enqueue(Run(11, 10), After(10));
        ledger.Answered(DeliveryReceipt.Behind);

        Assert.Equal(10, ledger.DroppedTotal);
        Assert.Equal(TimeSpan.Zero, ledger.Wait);
        var next = ledger.TakeNext()!;
        Assert.Equal(After(10), next.Through);
        Assert.Equal(11, next.Quotes[0].Sequence);
    }

    [Fact]
    public void A_scenario_that_asks_for_time_gets_it_before_the_next_delivery()
    {
        var ledger = Ledger();
        ledger.Enqueue(Run(1, 10), After(0));
        ledger.TakeNext();
        ledger.Answered(DeliveryReceipt.Later(TimeSpan.FromMilliseconds(500)));

        Assert.Null(ledger.TakeNext());
        Assert.Equal(TimeSpan.FromMilliseconds(500), ledger.Wait);
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(After(10), ledger.TakeNext()!.Through);
    }

    [Fact]
    public void Failed_calls_back_off_from_100_ms_doubling_to_5_s_and_a_success_resets_it()
    {
        var ledger = Ledger();
        ledger.Enqueue(Run(1, 10), After(0));
        var waits = new List<double>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var delivery = ledger.TakeNext()!;
            Assert.Equal(After(attempt == 0 ? 0 : 10), delivery.Through);
            ledger.Failed();
            waits.Add(ledger.Wait.TotalMilliseconds);
            Assert.Null(ledger.TakeNext());
            _clock.Advance(ledger.Wait);
        }

        Assert.Equal([100d, 200, 400, 800, 1600, 3200, 5000, 5000], waits);
        ledger.TakeNext();
        ledger.Answered(DeliveryReceipt.Processed);
        ledger.Enqueue(Run(11, 1), After(10));
        ledger.TakeNext();
        ledger.Failed();
        Assert.Equal(100, ledger.Wait.TotalMilliseconds);
    }

    [Fact]
    public void Each_source_is_marked_on_its_own_and_the_backlog_knows_its_oldest_quote()
    {
        var ledger = Ledger(maxQueued: 15);
        var replay = Run(1, 10, "replay");
        var saxo = Run(501, 10, "saxo");
        ledger.Enqueue(replay, [new("replay", 0)]);
        ledger.Enqueue(saxo, [new("saxo", 500)]);

        Assert.Equal(20, ledger.DroppedTotal);
        Assert.Equal(replay[0].ReceiveTimeUnixNs, ledger.OldestWaitingReceiveUnixNs);
        var marks = ledger.TakeNext()!.Through.OrderBy(m => m.Source, StringComparer.Ordinal).ToArray();
        Assert.Equal([new StreamMark("replay", 10), new StreamMark("saxo", 510)], marks);

        ledger.Failed();
        Assert.Equal(20, ledger.Backlog);
        _clock.Advance(ledger.Wait);
        ledger.Clear();
        Assert.False(ledger.HasWork);
        Assert.Equal(0, ledger.OldestWaitingReceiveUnixNs);
    }

    [Fact]
    public void A_new_ledger_announces_the_feeds_watermark_once_then_sends_each_raise_and_resends_what_was_not_taken()
    {
        var ledger = Ledger();
        ledger.Advance(1_000);
        var first = ledger.TakeNext()!;
        Assert.Equal((0, 1_000L), (first.Quotes.Length, first.WatermarkUnixNs));
        ledger.Answered(DeliveryReceipt.Processed);
        Assert.False(ledger.HasWork);

        // The watermark goes out after the quotes it covers, never ahead of them.
        ledger.Enqueue(Run(1, 5), After(0));
        ledger.Advance(2_000);
        var second = ledger.TakeNext()!;
        Assert.Equal((5, 2_000L), (second.Quotes.Length, second.WatermarkUnixNs));
        ledger.Answered(DeliveryReceipt.Behind);
        Assert.True(ledger.HasWork);
        var again = ledger.TakeNext()!;
        Assert.Equal(After(5), again.Through);
        Assert.Equal(2_000L, again.WatermarkUnixNs);
        ledger.Answered(DeliveryReceipt.Processed);

        ledger.Announce();
        Assert.Equal(2_000L, ledger.TakeNext()!.WatermarkUnixNs);
    }
}
