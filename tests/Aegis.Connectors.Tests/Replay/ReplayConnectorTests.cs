using System.Globalization;
using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;
using Aegis.Domain.Time;

namespace Aegis.Connectors.Tests.Replay;

[Collection(SampleDayCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ReplayConnectorTests(SampleDayFixture day)
{
    private const long NanosPerDay = 86_400L * 1_000_000_000;
    private static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task At_speed_zero_every_quote_is_delivered_once_in_order_in_batches_of_at_most_MaxBatchSize()
    {
        var clock = new AutoAdvancingTimeProvider(ClockStart);
        var sink = new RecordingSink();
        var connector = new ReplayConnector(new ReplayOptions(Speed: 0, MaxBatchSize: 300), clock);

        var stats = await connector.RunAsync(day.FilePath, sink, Cancellation);

        Assert.Equal(day.Quotes.Length, sink.Quotes.Count);
        for (var i = 0; i < day.Quotes.Length; i++)
        {
            Assert.Equal(day.Quotes[i] with { ReceiveTimeUnixNs = 0 }, sink.Quotes[i] with { ReceiveTimeUnixNs = 0 });
        }

        Assert.All(sink.Quotes, q => Assert.Equal(ClockStart.ToUnixTimeMilliseconds() * 1_000_000, q.ReceiveTimeUnixNs));
        Assert.All(sink.BatchSizes, size => Assert.InRange(size, 1, 300));
        Assert.Equal(new ReplayStats(day.Quotes.Length, sink.BatchSizes.Count, 1, TimeSpan.Zero, false), stats);
        Assert.Equal((day.Quotes.Length + 299) / 300, stats.Batches);
    }

    [Fact]
    public async Task Resuming_skips_every_quote_before_the_cursor_and_paces_from_the_first_one_after_it()
    {
        var cursor = day.Quotes[day.Quotes.Length / 2].ExchangeTimeUnixNs;
        var clock = new AutoAdvancingTimeProvider(ClockStart);
        var sink = new RecordingSink();
        var connector = new ReplayConnector(new ReplayOptions(Speed: 1_000, MaxBatchSize: 512, ResumeFromUnixNs: cursor), clock);

        var stats = await connector.RunAsync(day.FilePath, sink, Cancellation);

        var expected = day.Quotes.Where(q => q.ExchangeTimeUnixNs >= cursor).ToArray();
        Assert.Equal(expected.Length, sink.Quotes.Count);
        Assert.Equal(expected[0] with { ReceiveTimeUnixNs = 0 }, sink.Quotes[0] with { ReceiveTimeUnixNs = 0 });
        // Half a day at 1000x is ~11.7 s of replay; skipping must not wait out the first half too.
        var lastHalf = TimeSpan.FromTicks((expected[^1].ExchangeTimeUnixNs - expected[0].ExchangeTimeUnixNs) / 100 / 1_000);
        Assert.InRange(stats.Elapsed, lastHalf - TimeSpan.FromSeconds(1), lastHalf + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Paced_replay_delivers_each_quote_when_its_exchange_time_divided_by_speed_has_come()
    {
        var path = await WriteFirstQuotesAsync(4_000, "paced.parquet");
        var clock = new AutoAdvancingTimeProvider(ClockStart);
        var sink = new RecordingSink();
        const double speed = 10;
        var connector = new ReplayConnector(new ReplayOptions(Speed: speed, MaxBatchSize: 64), clock);

        var stats = await connector.RunAsync(path, sink, Cancellation);

        Assert.Equal(4_000, stats.Quotes);
        var dayStart = day.Quotes[0].ExchangeTimeUnixNs;
        var startUnixNs = ClockStart.ToUnixTimeMilliseconds() * 1_000_000;
        var previousReceive = long.MinValue;
        foreach (var quote in sink.Quotes)
        {
            var dueUnixNs = startUnixNs + (long)((quote.ExchangeTimeUnixNs - dayStart) / speed);

            // Never early; waits are whole milliseconds, so at most one millisecond late.
            Assert.InRange(quote.ReceiveTimeUnixNs - dueUnixNs, -100, 1_000_000);
            Assert.True(quote.ReceiveTimeUnixNs >= previousReceive);
            previousReceive = quote.ReceiveTimeUnixNs;
        }

        var lastDueNs = (day.Quotes[3_999].ExchangeTimeUnixNs - dayStart) / speed;
        Assert.InRange(stats.Elapsed.Ticks * 100.0, lastDueNs - 100, lastDueNs + 1_000_000);

        // Quotes due within the same millisecond share a batch: fewer batches than quotes, none too big.
        Assert.InRange(sink.BatchSizes.Count, 100, 3_999);
        Assert.All(sink.BatchSizes, size => Assert.InRange(size, 1, 64));
    }

    [Fact]
    public async Task Quotes_that_are_due_together_go_out_in_one_batch()
    {
        var path = await WriteFirstQuotesAsync(2_000, "bursty.parquet");
        var clock = new AutoAdvancingTimeProvider(ClockStart);
        var sink = new RecordingSink();

        // At 10,000× speed a millisecond of replay holds ~10 s of tape: hundreds of quotes.
        var stats = await new ReplayConnector(new ReplayOptions(Speed: 10_000, MaxBatchSize: 512), clock).RunAsync(path, sink, Cancellation);

        Assert.Equal(2_000, stats.Quotes);
        Assert.True(stats.Batches < 200, $"{stats.Batches} batches for 2,000 quotes");
        Assert.Contains(sink.BatchSizes, size => size > 20);
        Assert.Equal(day.Quotes.Take(2_000).Select(q => (q.InstrumentId, q.Sequence)), sink.Quotes.Select(q => (q.InstrumentId, q.Sequence)));
    }

    [Fact]
    public async Task Looping_lands_each_pass_on_the_next_session_day_and_keeps_sequences_strictly_increasing()
    {
        // The sample day is Monday 2026-03-02: the next passes are Tuesday and Wednesday.
        var path = await WriteFirstQuotesAsync(5_000, "loop.parquet");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var sink = new RecordingSink(s =>
        {
            if (s.Quotes.Count >= 12_000)
            {
                stop.Cancel();
            }
        });
        var progress = new RecordingProgress();
        var connector = new ReplayConnector(new ReplayOptions(Speed: 0, MaxBatchSize: 1_000, Loop: true), new AutoAdvancingTimeProvider(ClockStart));

        var stats = await connector.RunAsync(path, sink, progress, stop.Token);

        Assert.True(stats.Cancelled);
        Assert.Equal(2, stats.Loops);
        Assert.Equal([1, 2], progress.Reports);
        Assert.Equal(12_000, stats.Quotes);
        Assert.Equal(12_000, sink.Quotes.Count);
        var lastSequence = new Dictionary<string, long>();
        for (var i = 0; i < sink.Quotes.Count; i++)
        {
            var quote = sink.Quotes[i];
            var original = day.Quotes[i % 5_000];
            Assert.Equal(original.InstrumentId, quote.InstrumentId);
            Assert.Equal(original.ExchangeTimeUnixNs + (i / 5_000 * NanosPerDay), quote.ExchangeTimeUnixNs);
            Assert.True(quote.Sequence > lastSequence.GetValueOrDefault(quote.InstrumentId), $"sequence not increasing at {quote}");
            lastSequence[quote.InstrumentId] = quote.Sequence;
        }
    }

    [Theory]
    [InlineData("2026-04-02", "2026-04-06", "2026-04-07")] // Good Friday, then the weekend
    [InlineData("2026-01-16", "2026-01-20", "2026-01-21")] // the weekend, then Martin Luther King Jr. Day
    [InlineData("2026-03-06", "2026-03-09", "2026-03-10")] // the weekend New York moves its clocks forward
    [InlineData("2026-11-25", "2026-11-27", "2026-11-30")] // Thanksgiving, an early close, the weekend
    public async Task Looping_skips_weekends_and_holidays_and_keeps_the_exchange_local_time_of_day(string dayText, string secondText, string thirdText)
    {
        const int Count = 400;
        var calendar = ExchangeCalendar.UsEquities;
        DateOnly[] dates = [DateOnly.Parse(dayText, CultureInfo.InvariantCulture), DateOnly.Parse(secondText, CultureInfo.InvariantCulture), DateOnly.Parse(thirdText, CultureInfo.InvariantCulture)];
        var path = await WriteFirstQuotesOnAsync(Count, dates[0], $"loop-{dayText}.parquet");
        var file = await MarketDayFile.ReadAllAsync(path, Cancellation);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var sink = new RecordingSink(s =>
        {
            if (s.Quotes.Count >= 3 * Count)
            {
                stop.Cancel();
            }
        });

        await new ReplayConnector(new ReplayOptions(Speed: 0, MaxBatchSize: 100, Loop: true), new AutoAdvancingTimeProvider(ClockStart))
            .RunAsync(path, sink, stop.Token);

        Assert.Equal(3 * Count, sink.Quotes.Count);
        for (var pass = 0; pass < dates.Length; pass++)
        {
            // Whole exchange-local days: the shift is the distance between the two days' opens.
            var shift = calendar.GetSession(dates[pass])!.OpenUnixNs - calendar.GetSession(dates[0])!.OpenUnixNs;
            for (var i = 0; i < Count; i++)
            {
                var quote = sink.Quotes[(pass * Count) + i];
                Assert.Equal(file[i].ExchangeTimeUnixNs + shift, quote.ExchangeTimeUnixNs);
                Assert.Equal(dates[pass], calendar.SessionDate(quote.ExchangeTimeUnixNs));
            }

            Assert.Equal(SessionPhase.Regular, calendar.GetPhase(sink.Quotes[pass * Count].ExchangeTimeUnixNs));
        }
    }

    [Fact]
    public async Task Resuming_a_looped_replay_in_a_later_pass_publishes_exactly_what_the_uninterrupted_run_had_left()
    {
        const int Count = 2_000;
        var path = await WriteFirstQuotesOnAsync(Count, new DateOnly(2026, 1, 15), "resume-loop.parquet");
        var uninterrupted = await RunLoopedAsync(path, long.MinValue, 6 * Count, new RecordingProgress());

        // A cursor in the third pass (Tuesday 2026-01-20, after a weekend and a holiday), mid-batch.
        var cursor = uninterrupted[(2 * Count) + 777].ExchangeTimeUnixNs;
        var progress = new RecordingProgress();
        var resumed = await RunLoopedAsync(path, cursor, 2 * Count, progress);

        // The sinks stop at a batch boundary: compare as far as the resumed run went.
        Assert.InRange(resumed.Count, 2 * Count, (2 * Count) + 299);
        var expected = uninterrupted.Where(q => q.ExchangeTimeUnixNs >= cursor).Take(resumed.Count).ToArray();
        Assert.Equal(resumed.Count, expected.Length);
        Assert.Equal(expected.Select(q => q with { ReceiveTimeUnixNs = 0 }), resumed.Select(q => q with { ReceiveTimeUnixNs = 0 }));
        Assert.Equal([3, 4], progress.Reports);
    }

    [Fact]
    public async Task Cancellation_stops_a_real_time_replay_promptly_and_returns_the_counts()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var sink = new RecordingSink(s =>
        {
            if (s.BatchSizes.Count == 1)
            {
                stop.CancelAfter(TimeSpan.FromMilliseconds(200));
            }
        });
        var connector = new ReplayConnector(new ReplayOptions(Speed: 1), TimeProvider.System);

        var run = connector.RunAsync(day.FilePath, sink, stop.Token);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10), Cancellation));

        Assert.True(finished == run, "RunAsync did not return within 10 s of cancellation");
        var stats = await run;
        Assert.True(stats.Cancelled);
        Assert.InRange(stats.Quotes, 1, day.Quotes.Length - 1);
        Assert.Equal(sink.Quotes.Count, stats.Quotes);
        Assert.Equal(0, stats.Loops);
    }

    [Fact]
    public async Task Cancellation_at_speed_zero_stops_between_batches()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var sink = new RecordingSink(s =>
        {
            if (s.BatchSizes.Count == 3)
            {
                stop.Cancel();
            }
        });

        var stats = await new ReplayConnector(new ReplayOptions(Speed: 0, MaxBatchSize: 100), TimeProvider.System).RunAsync(day.FilePath, sink, stop.Token);

        Assert.Equal(new { Quotes = 300L, Batches = 3L, Cancelled = true }, new { stats.Quotes, stats.Batches, stats.Cancelled });
        Assert.Equal(300, sink.Quotes.Count);
    }

    [Theory]
    [InlineData(-1.0, 512, "Speed")]
    [InlineData(double.NaN, 512, "Speed")]
    [InlineData(1.0, 0, "MaxBatchSize")]
    public void Invalid_options_are_refused_naming_the_setting(double speed, int maxBatchSize, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ReplayConnector(new ReplayOptions(speed, maxBatchSize), TimeProvider.System));
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public async Task A_missing_file_is_reported_not_swallowed()
    {
        var path = Path.Combine(day.Directory, "missing.parquet");
        var connector = new ReplayConnector(new ReplayOptions(Speed: 0), TimeProvider.System);

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => connector.RunAsync(path, new RecordingSink(), Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<Quote>> RunLoopedAsync(string path, long resumeFromUnixNs, int quotes, IProgress<int> progress)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var sink = new RecordingSink(s =>
        {
            if (s.Quotes.Count >= quotes)
            {
                stop.Cancel();
            }
        });
        var options = new ReplayOptions(Speed: 0, MaxBatchSize: 300, Loop: true, ResumeFromUnixNs: resumeFromUnixNs);
        await new ReplayConnector(options, new AutoAdvancingTimeProvider(ClockStart)).RunAsync(path, sink, progress, stop.Token);
        return sink.Quotes;
    }

    /// <summary>The first quotes of the sample day moved to <paramref name="date"/>, same New York time of day.</summary>
    private async Task<string> WriteFirstQuotesOnAsync(int count, DateOnly date, string name)
    {
        var calendar = ExchangeCalendar.UsEquities;
        var shift = calendar.GetSession(date)!.OpenUnixNs - calendar.GetSession(SampleMarket.TradingDate)!.OpenUnixNs;
        var path = Path.Combine(day.Directory, name);
        var quotes = day.Quotes[..count].Select(q => q with { ExchangeTimeUnixNs = q.ExchangeTimeUnixNs + shift, ReceiveTimeUnixNs = q.ExchangeTimeUnixNs + shift }).ToArray();
        await MarketDayFile.WriteAsync(path, quotes, Cancellation);
        return path;
    }

    private async Task<string> WriteFirstQuotesAsync(int count, string name)
    {
        var path = Path.Combine(day.Directory, name);
        await MarketDayFile.WriteAsync(path, day.Quotes[..count], Cancellation);
        return path;
    }
}
