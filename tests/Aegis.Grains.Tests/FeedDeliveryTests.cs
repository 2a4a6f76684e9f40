using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class FeedDeliveryTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // Needs 200 quotes before its first signal: it watches, it never decides here.
    private static string WatcherSpec(string id) =>
        Quotes.MovingAverageSpec(id).Replace("fast: 2, slow: 4", "fast: 50, slow: 200", StringComparison.Ordinal);

    private static async Task<NpgsqlTransaction> HoldJournalAsync(NpgsqlConnection connection)
    {
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var hold = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using var lockJournal = new NpgsqlCommand("LOCK TABLE decision_journal IN EXCLUSIVE MODE", connection, hold);
        await lockJournal.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return hold;
    }

    [Fact]
    public async Task A_scenario_waiting_for_its_journal_holds_up_only_its_own_quotes()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "isolation");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("trader"))).Succeeded);
        Assert.True((await directory.Create(WatcherSpec("watcher"))).Succeeded);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var watcher = live.Client.GetGrain<IScenarioGrain>("watcher");

        // Hold the journal: the trader's first decision cannot commit while this transaction lives.
        await using var blocker = new NpgsqlConnection(live.ConnectionString);
        await using var hold = await HoldJournalAsync(blocker);

        var first = feed.Publish(Quotes.Zigzag("SPY"));
        await Eventually.UntilAsync(async () => (await watcher.GetSummary())!.QuotesProcessed == 19, Deadline, "the watcher gets the first batch");
        var second = feed.Publish(Quotes.Zigzag("SPY", firstSequence: 20));
        await Eventually.UntilAsync(async () => (await watcher.GetSummary())!.QuotesProcessed == 38, Deadline, "the watcher gets the second batch");

        // The trader processes both batches at once; both publishes wait for its journal commit.
        var trading = live.Client.GetGrain<IScenarioGrain>("trader");
        await Eventually.UntilAsync(async () => (await trading.GetSummary())!.QuotesProcessed == 38, Deadline, "the trader to process both batches");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        await hold.RollbackAsync(TestContext.Current.CancellationToken);
        Assert.Equal(19, (await first).Accepted);
        Assert.Equal(19, (await second).Accepted);
        var trader = await live.Client.GetGrain<IScenarioGrain>("trader").GetSummary();
        Assert.Equal(38, trader!.QuotesProcessed);
        Assert.True(trader.Fills >= 4, $"two zigzags should trade at least four times, got {trader.Fills}");
        Assert.Equal(trader.Fills, await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'trader'"));
        Assert.Equal(0, (await watcher.GetSummary())!.Fills);
    }

    [Fact]
    public async Task While_one_batch_waits_for_its_commit_the_scenarios_other_feeds_are_processed()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "interleave");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("pair").Replace("[SPY]", "[SPY, QQQ]", StringComparison.Ordinal))).Succeeded);
        await using var blocker = new NpgsqlConnection(live.ConnectionString);
        await using var hold = await HoldJournalAsync(blocker);

        var trading = live.Client.GetGrain<IInstrumentFeedGrain>("SPY").Publish(Quotes.Zigzag("SPY"));
        var scenario = live.Client.GetGrain<IScenarioGrain>("pair");
        await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.QuotesProcessed == 19, Deadline, "the SPY batch to be processed");
        // Flat quotes: no crossover, no decision; their input still waits behind the held commit.
        var quiet = live.Client.GetGrain<IInstrumentFeedGrain>("QQQ").Publish(
            new QuoteBatch(Enumerable.Range(1, 10).Select(i => Quotes.At("QQQ", i, 400m)).ToArray()));

        await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.QuotesProcessed == 29, Deadline, "the QQQ batch to be processed while SPY's commit is held");
        Assert.False(trading.IsCompleted);
        await hold.RollbackAsync(TestContext.Current.CancellationToken);
        await trading;
        Assert.Equal(10, (await quiet).Accepted);
        var summary = await live.Client.GetGrain<IScenarioGrain>("pair").GetSummary();
        Assert.Equal(29, summary!.QuotesProcessed);
        Assert.Equal(summary.Fills, await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'pair'"));
    }

    [Fact]
    public async Task Batches_processed_by_a_scenario_whose_silo_dies_before_its_commit_are_sent_again()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "resend", silos: 2);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        await feed.GetStatus();
        var feedSilo = await live.SiloOfAsync(feed);

        // A scenario whose silo can die without taking the feed with it.
        IScenarioGrain? scenario = null;
        for (var i = 0; i < 64 && scenario is null; i++)
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
        var publish = feed.Publish(Quotes.Zigzag("SPY"));
        await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.Decisions >= 2, Deadline, "the scenario to decide, unjournaled");

        // Its silo dies with the decisions uncommitted. Should its append still land once the lock goes
        // (an in-process silo's connection can outlive it), it holds exactly what the new activation
        // makes again from the same inputs, so the journal is the same either way.
        await live.Cluster.KillSiloAsync(scenarioSilo!);
        await hold.RollbackAsync(TestContext.Current.CancellationToken);
        await hold.DisposeAsync();

        Assert.Equal(19, (await publish.WaitAsync(Deadline, TestContext.Current.CancellationToken)).Accepted);
        var summary = await scenario.GetSummary();
        Assert.True(summary!.Fills >= 2, $"the new activation should trade the re-sent zigzag, got {summary.Fills} fills ({summary.Status} {summary.HaltReason}, {summary.QuotesProcessed} quotes)");
        // 19, or 38 when the dead activation's append landed after all and the re-sent quotes came again as duplicates.
        Assert.Contains(summary.QuotesProcessed, new[] { 19L, 38L });
        Assert.True((await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!.Identical);
        Assert.Equal(summary.Fills, await live.CountAsync($"SELECT count(*) FROM scenario_fills WHERE scenario_id = '{id}'"));
        Assert.Equal(summary.Decisions, await live.CountAsync($"SELECT count(*) FROM decision_journal WHERE scenario_id = '{id}'"));
    }
}
