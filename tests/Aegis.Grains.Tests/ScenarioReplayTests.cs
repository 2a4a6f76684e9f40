using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ScenarioReplayTests(PostgresServerFixture postgres)
{
    // A call to a killed silo's activation waits out the 30 s response timeout when the death is noticed late (a loaded machine).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_replay_of_the_durable_inputs_makes_every_journaled_decision_of_scenarios_fed_by_racing_feeds_and_commands()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "replay_identical");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("solo"))).Succeeded);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("pair").Replace("[SPY]", "[SPY, QQQ]", StringComparison.Ordinal))).Succeeded);
        var spy = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var qqq = live.Client.GetGrain<IInstrumentFeedGrain>("QQQ");
        var pair = live.Client.GetGrain<IScenarioGrain>("pair");

        // The two feeds publish at once, so the pair's inputs interleave in whatever order they arrive.
        for (var round = 0; round < 4; round++)
        {
            await Task.WhenAll(spy.Publish(Quotes.Zigzag("SPY", 1 + (round * 19))), qqq.Publish(Quotes.Zigzag("QQQ", 1 + (round * 19))));
            if (round == 1)
            {
                Assert.True((await pair.Pause()).Succeeded);
            }
            else if (round == 2)
            {
                Assert.True((await pair.Resume()).Succeeded);
            }
        }

        // A publish is acknowledged once taped: wait until both scenarios have taken every quote.
        foreach (var (id, quotes) in new[] { ("solo", 76L), ("pair", 152L) })
        {
            await Eventually.UntilAsync(async () => (await live.Client.GetGrain<IScenarioGrain>(id).GetSummary())!.QuotesProcessed == quotes,
                Deadline, $"{id} to take every quote");
        }

        Assert.True((await pair.Halt("test: operator halt")).Succeeded);
        foreach (var id in new[] { "solo", "pair" })
        {
            var summary = (await live.Client.GetGrain<IScenarioGrain>(id).GetSummary())!;
            var replay = (await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!;

            Assert.True(replay.Identical, $"{id}: {replay.Error} {replay.Journaled} | {replay.Replayed}");
            Assert.True(summary.Decisions >= 4, $"{id} should have decided several times, got {summary.Decisions}");
            Assert.Equal(summary.Decisions, replay.DecisionsCompared);
            Assert.Equal(summary.QuotesProcessed, replay.QuotesReplayed);
        }

        var inputs = await live.CountAsync("SELECT count(*) FROM scenario_inputs WHERE scenario_id = 'pair'");
        var commands = await live.CountAsync("SELECT count(*) FROM scenario_inputs WHERE scenario_id = 'pair' AND kind = 2");
        Assert.Equal(4, commands); // create, pause, resume, halt
        Assert.InRange(inputs, 4 + 8, 4 + 8 + 8);

        // Only a range is compared when asked; a range past the end compares nothing.
        Assert.Equal(2, (await pair.GetSummary() is { } s ? (await live.Client.GetGrain<IScenarioReplayGrain>("pair").Replay(s.Decisions - 1, s.Decisions))!.DecisionsCompared : -1));
        Assert.Null(await live.Client.GetGrain<IScenarioReplayGrain>("nobody").Replay(1, 0));
    }

    [Fact]
    public async Task A_scenario_whose_silo_dies_recovers_by_replaying_its_inputs_and_trades_on_exactly_as_one_that_never_stopped()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "replay_recover", silos: 2);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        await feed.GetStatus();
        var feedSilo = await live.SiloOfAsync(feed);
        IScenarioGrain? steady = null, sleeper = null;
        // Placement weighs the silos' load statistics, which refresh every few seconds: candidates activated in a
        // burst may all land on one silo, so later ones are spread out in time.
        for (var i = 0; i < 300 && (steady is null || sleeper is null); i++)
        {
            if (i >= 32)
            {
                await Task.Delay(100);
            }

            var candidate = live.Client.GetGrain<IScenarioGrain>($"twin-{i}");
            await candidate.GetSummary();
            if (Equals(await live.SiloOfAsync(candidate), feedSilo))
            {
                steady ??= candidate;
            }
            else
            {
                sleeper ??= candidate;
            }
        }

        Assert.NotNull(steady);
        Assert.NotNull(sleeper);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec(steady.GetPrimaryKeyString()))).Succeeded);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec(sleeper.GetPrimaryKeyString()))).Succeeded);
        var sleeperSilo = await live.SiloOfAsync(sleeper);
        await feed.Publish(Quotes.Zigzag("SPY", 1));
        await feed.Publish(Quotes.Zigzag("SPY", 20));

        // Killed well within the snapshot interval: its snapshot is the one taken at creation, so the
        // new activation must replay every input since and meet the journal decision by decision.
        await live.Cluster.KillSiloAsync(sleeperSilo!);
        await Eventually.UntilAsync(async () => (await sleeper.GetSummary())!.QuotesProcessed == 38, Deadline, "the sleeper to come back with every quote");
        await feed.Publish(Quotes.Zigzag("SPY", 39));
        foreach (var twin in new[] { steady, sleeper })
        {
            // A publish is acknowledged once taped; the twins take it a moment later.
            await Eventually.UntilAsync(async () => (await twin.GetSummary())!.QuotesProcessed == 57, Deadline, "both twins to take the third zigzag");
        }

        var expected = (await steady.GetDetails())!;
        var recovered = (await sleeper.GetDetails())!;
        Assert.True(expected.Summary.Decisions >= 4, $"the zigzags should make several decisions, got {expected.Summary.Decisions}");
        Assert.Equal(Json(expected.Summary with { Id = "", Name = "", LagQuotes = 0, LagSeconds = 0 }),
            Json(recovered.Summary with { Id = "", Name = "", LagQuotes = 0, LagSeconds = 0 }));
        Assert.Equal(Json(expected.Positions), Json(recovered.Positions));
        var replay = (await live.Client.GetGrain<IScenarioReplayGrain>(sleeper.GetPrimaryKeyString()).Replay(1, 0))!;
        Assert.True(replay.Identical, $"{replay.Error} {replay.Journaled} | {replay.Replayed}");
        Assert.Equal(expected.Summary.Decisions, replay.DecisionsCompared);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
}
