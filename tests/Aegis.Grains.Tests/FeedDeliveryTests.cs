using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class FeedDeliveryTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Per quote, for the scenario that cannot keep up.</summary>
    private static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(10);

    private static async Task<NpgsqlTransaction> HoldJournalAsync(NpgsqlConnection connection)
    {
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var hold = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var lockJournal = new NpgsqlCommand("LOCK TABLE decision_journal IN EXCLUSIVE MODE", connection, hold);
        await lockJournal.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return hold;
    }

    private static Task ProcessedAsync(IScenarioGrain scenario, long quotes, string what) =>
        Eventually.UntilAsync(async () => (await scenario.GetSummary())!.QuotesProcessed == quotes, Deadline, what);

    [Fact]
    public async Task A_publish_is_acknowledged_once_taped_while_a_scenarios_journal_commit_is_held()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "ack_on_tape");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("trader"))).Succeeded);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var trader = live.Client.GetGrain<IScenarioGrain>("trader");

        // Hold the journal: the trader's decisions cannot commit while this transaction lives.
        await using var blocker = new NpgsqlConnection(live.ConnectionString);
        await using var hold = await HoldJournalAsync(blocker);

        Assert.Equal(19, (await feed.Publish(Quotes.Zigzag("SPY"))).Accepted);
        Assert.Equal(19, (await feed.Publish(Quotes.Zigzag("SPY", firstSequence: 20))).Accepted);
        Assert.Equal(38, await live.CountAsync("SELECT coalesce(sum(cardinality(sequences)), 0) FROM quote_tape_blocks WHERE instrument_id = 'SPY'"));
        await ProcessedAsync(trader, 38, "the trader to process both batches");
        Assert.Equal(0, await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'trader'"));

        await hold.RollbackAsync(TestContext.Current.CancellationToken);
        await trader.FlushJournal();
        var summary = (await trader.GetSummary())!;
        Assert.True(summary.Fills >= 4, $"two zigzags should trade at least four times, got {summary.Fills}");
        Assert.Equal(summary.Fills, await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'trader'"));
        Assert.True((await live.Client.GetGrain<IScenarioReplayGrain>("trader").Replay(1, 0))!.Identical);
    }

    [Fact]
    public async Task A_slow_scenario_falls_behind_without_slowing_its_feed_then_catches_up_from_the_tape_and_replays_identically()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "slow_scenario", strategies: DelayedStrategy.Catalog(SlowDelay),
            options: o => o.MaxQueuedQuotesPerScenario = 40);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("fast"))).Succeeded);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("slow").Replace("ma-crossover", DelayedStrategy.Name, StringComparison.Ordinal))).Succeeded);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var fast = live.Client.GetGrain<IScenarioGrain>("fast");
        var slow = live.Client.GetGrain<IScenarioGrain>("slow");

        // 20 zigzags, 380 quotes: the slow strategy needs at least 3.8 s for them, the publishes far less.
        const int Rounds = 20;
        for (var round = 0; round < Rounds; round++)
        {
            Assert.Equal(19, (await feed.Publish(Quotes.Zigzag("SPY", 1 + (round * 19)))).Accepted);
        }

        var behind = (await slow.GetSummary())!;
        Assert.True(behind.QuotesProcessed < Rounds * 19, "every publish was acknowledged before the slow scenario had processed its quotes");
        Assert.True(behind.LagQuotes > 0, $"the slow scenario should report its lag, got {behind.LagQuotes} quotes");
        await ProcessedAsync(fast, Rounds * 19, "the fast scenario to keep up");
        await ProcessedAsync(slow, Rounds * 19, "the slow scenario to catch up from the tape");

        await Eventually.UntilAsync(async () => (await slow.GetSummary())!.LagQuotes == 0, Deadline, "the slow scenario's lag to clear");
        await fast.FlushJournal();
        await slow.FlushJournal();
        var (f, s) = ((await fast.GetSummary())!, (await slow.GetSummary())!);
        Assert.True(f.Fills >= 4 * Rounds / 2, $"the zigzags should trade, got {f.Fills} fills");
        Assert.Equal((f.Fills, f.Decisions, f.Cash, f.RealizedPnl), (s.Fills, s.Decisions, s.Cash, s.RealizedPnl));
        Assert.True(live.Cluster.GetSiloServiceProvider().GetRequiredService<LiveLaneMetrics>().QuotesCaughtUp > 0,
            "the feed dropped what the slow scenario could not take in time, and the scenario read it from the tape");
        foreach (var id in new[] { "fast", "slow" })
        {
            var replay = (await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!;
            Assert.True(replay.Identical, $"{id}: {replay.Error} {replay.Journaled} | {replay.Replayed}");
            Assert.Equal(Rounds * 19, replay.QuotesReplayed);
        }
    }

    [Fact]
    public async Task What_a_scenario_took_before_its_silo_died_unjournaled_is_read_back_from_the_tape_by_its_next_activation()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "catch_up_after_crash", silos: 2);
        await Eventually.UntilAsync(async () => (await live.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            Deadline, "both silos to be active");
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        await feed.GetStatus();
        var feedSilo = await live.SiloOfAsync(feed);

        // A scenario whose silo can die without taking the feed with it.
        IScenarioGrain? scenario = null;
        for (var i = 0; i < 256 && scenario is null; i++)
        {
            var candidate = live.Client.GetGrain<IScenarioGrain>($"trader-{i}");
            await candidate.GetSummary();
            if (!Equals(await live.SiloOfAsync(candidate), feedSilo))
            {
                scenario = candidate;
            }
        }

        Assert.NotNull(scenario);
        var id = scenario.GetPrimaryKeyString();
        var scenarioSilo = await live.SiloOfAsync(scenario);
        Assert.True((await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(Quotes.MovingAverageSpec(id))).Succeeded);

        await using var blocker = new NpgsqlConnection(live.ConnectionString);
        var hold = await HoldJournalAsync(blocker);
        Assert.Equal(19, (await feed.Publish(Quotes.Zigzag("SPY"))).Accepted);
        await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.Decisions >= 2, Deadline, "the scenario to decide, unjournaled");

        // Its silo dies with the decisions uncommitted. Should its append still land once the lock goes
        // (an in-process silo's connection can outlive it), it holds exactly what the new activation
        // makes again from the same inputs, so the journal is the same either way.
        await live.Cluster.KillSiloAsync(scenarioSilo!);
        await hold.RollbackAsync(TestContext.Current.CancellationToken);
        await hold.DisposeAsync();

        // No further publish: the new activation asks the feed where it is and reads the zigzag from the tape.
        await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.Fills >= 2, Deadline, "the new activation to trade the zigzag");
        await scenario.FlushJournal();
        var summary = (await scenario.GetSummary())!;
        Assert.True((await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!.Identical);
        Assert.Equal(summary.Fills, await live.CountAsync($"SELECT count(*) FROM scenario_fills WHERE scenario_id = '{id}'"));
        Assert.Equal(summary.Decisions, await live.CountAsync($"SELECT count(*) FROM decision_journal WHERE scenario_id = '{id}'"));
    }

    [Fact]
    public async Task With_a_reorder_window_a_scenario_merges_its_feeds_by_exchange_time_whatever_order_they_arrive_in()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "reorder_window", options: o => o.ReorderWindow = TimeSpan.FromMilliseconds(200));
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("pair").Replace("[SPY]", "[SPY, QQQ]", StringComparison.Ordinal))).Succeeded);
        var pair = live.Client.GetGrain<IScenarioGrain>("pair");

        // Quotes stamped just ahead of the clock, so the window holds them: QQQ's later quotes arrive first,
        // SPY's earlier ones after; the windows' heartbeats then release both, merged.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        Aegis.Domain.Quotes.Quote At(string id, int sequence, decimal bid, long offsetMs) =>
            Quotes.At(id, sequence, bid) with { ExchangeTimeUnixNs = now + (offsetMs * 1_000_000), ReceiveTimeUnixNs = now };
        Assert.Equal(10, (await live.Client.GetGrain<IInstrumentFeedGrain>("QQQ").Publish(
            new QuoteBatch(Enumerable.Range(11, 10).Select(i => At("QQQ", i, 400m, 2_000 + i)).ToArray()))).Accepted);
        Assert.Equal(10, (await live.Client.GetGrain<IInstrumentFeedGrain>("SPY").Publish(
            new QuoteBatch(Enumerable.Range(1, 10).Select(i => At("SPY", i, 500m, 2_000 + i)).ToArray()))).Accepted);
        await ProcessedAsync(pair, 20, "both feeds' quotes to be released");
        await pair.FlushJournal();

        // No QQQ quote (all later) was taken before a SPY quote, unless both were merged in one group.
        var qqqBeforeSpy = await live.CountAsync(
            "SELECT count(*) FROM scenario_inputs s JOIN scenario_inputs q ON q.scenario_id = s.scenario_id " +
            "WHERE s.scenario_id = 'pair' AND s.instrument_id = 'SPY' AND q.instrument_id = 'QQQ' " +
            "AND q.input_sequence < s.input_sequence AND (q.merged_with IS NULL OR q.merged_with IS DISTINCT FROM s.merged_with)");
        Assert.Equal(0, qqqBeforeSpy);
        Assert.True((await live.Client.GetGrain<IScenarioReplayGrain>("pair").Replay(1, 0))!.Identical);
    }
}
