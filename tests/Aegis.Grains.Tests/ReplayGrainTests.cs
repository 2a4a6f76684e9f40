using Aegis.Connectors.Replay;
using Aegis.Domain.Time;
using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ReplayGrainTests(PostgresServerFixture postgres) : IDisposable
{
    private const int Seed = 7;
    private const int QuotesPerDay = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly string _home = Directory.CreateTempSubdirectory("aegis-replay-grain-").FullName;

    [Fact]
    public async Task A_replay_enabled_once_counts_its_passes_and_resumes_with_its_settings_on_a_silo_without_them()
    {
        await WriteShortDayAsync();
        // The cluster's silos have the replay off (no demo): their keep-alives send no settings.
        await using var live = await LiveLaneCluster.StartAsync(postgres, "replay", home: _home);
        var replay = live.Client.GetGrain<IReplayGrain>(IReplayGrain.Key);

        await replay.EnsureRunning(null);
        var idle = await replay.GetStatus();
        Assert.False(idle.Running);
        Assert.Equal(0, idle.QuotesPublished);

        // What a demo silo's keep-alive sends: it enables the replay for the whole cluster. A pass takes
        // ~0.15 s; not speed 0, which keeps the tape writer's buffer full, and a silo stopping with it
        // full waits out its shutdown timeout.
        await replay.EnsureRunning(new ReplayRequest(Speed: 2_000, Seed: Seed));
        var looping = await Eventually.UntilAsync(replay.GetStatus, s => s.Loops >= 3, Deadline, "the replay to complete three passes");
        Assert.True(looping.Running);
        Assert.Null(looping.LastError);
        Assert.True(looping.QuotesPublished >= (long)looping.Loops * QuotesPerDay, $"{looping.QuotesPublished} quotes for {looping.Loops} passes");
        Assert.NotNull(ExchangeCalendar.UsEquities.SessionOf(looping.CursorExchangeTimeUnixNs));

        // The activation goes; the keep-alive of a silo without the setting brings it back, and the
        // persisted settings (speed 2,000, not the silo's own 20) and counts carry on.
        await live.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await live.Cluster.WaitForDeactivationAsync(replay);
        var resumed = await Eventually.UntilAsync(
            replay.GetStatus, s => s.Running && s.QuotesPublished > looping.QuotesPublished + (2 * QuotesPerDay), Deadline, "the replay to run again after its deactivation");
        Assert.Equal(2_000, resumed.Speed);
        Assert.True(resumed.Loops > looping.Loops, $"loops went from {looping.Loops} to {resumed.Loops}");
        Assert.True(resumed.CursorExchangeTimeUnixNs > looping.CursorExchangeTimeUnixNs);
    }

    /// <summary>A 300-quote day where the grain looks for the sample day of <see cref="Seed"/>, so it
    /// is used instead of a generated full day and a pass takes milliseconds.</summary>
    private async Task WriteShortDayAsync()
    {
        var quotes = Enumerable.Range(1, QuotesPerDay)
            .Select(i => Quotes.At(i % 2 == 0 ? "SPY" : "QQQ", i, 400m + (i % 7)) with { Source = MarketDayGenerator.Source })
            .ToArray();
        var market = Directory.CreateDirectory(Path.Combine(_home, "market")).FullName;
        var expected = Path.Combine(market, $"sample-day-{SampleMarket.TradingDate:yyyy-MM-dd}-seed{Seed}.parquet");
        await MarketDayFile.WriteAsync(expected, quotes, TestContext.Current.CancellationToken);
        Assert.Equal(expected, await MarketDayFile.EnsureSampleDayAsync(market, Seed, TestContext.Current.CancellationToken));
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
