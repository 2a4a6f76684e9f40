using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ScenarioTests(PostgresServerFixture postgres)
{
    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Invalid_specs_are_refused_with_the_field_and_the_reason()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "specs");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);

        var badParameter = await directory.Create(Quotes.MovingAverageSpec("bad-param").Replace("fast: 2", "fast: x", StringComparison.Ordinal));
        var unknownInstrument = await directory.Create(Quotes.MovingAverageSpec("bad-instrument", "ZZZZ"));
        var notYaml = await directory.Create("{ this is: [not a spec");
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("twice"))).Succeeded);
        var duplicate = await directory.Create(Quotes.MovingAverageSpec("twice"));

        Assert.Contains(badParameter.Errors, e => e.Contains("fast", StringComparison.Ordinal));
        Assert.Equal(["instruments[0]: unknown instrument 'ZZZZ'"], unknownInstrument.Errors);
        Assert.False(notYaml.Succeeded);
        Assert.NotEmpty(notYaml.Errors);
        Assert.Equal(["scenario 'twice' already exists"], duplicate.Errors);
        Assert.Equal(["twice"], (await directory.List()).Select(s => s.Id));
    }

    [Fact]
    public async Task A_redelivered_batch_never_trades_twice()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "redeliver");
        await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(Quotes.MovingAverageSpec("once"));
        var scenario = live.Client.GetGrain<IScenarioGrain>("once");
        var batch = Quotes.Zigzag("SPY");

        await scenario.DeliverAsync(live, batch);
        var first = await scenario.GetSummary();
        await scenario.DeliverAsync(live, batch);
        var second = await scenario.GetSummary();

        Assert.True(first!.Fills >= 2, $"the zigzag should trade, got {first.Fills} fills");
        Assert.Equal(Json(first with { QuotesProcessed = 0 }), Json(second! with { QuotesProcessed = 0 }));
        Assert.Equal(first.Fills, await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'once'"));
    }

    [Fact]
    public async Task Books_survive_deactivation_exactly()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "deactivate");
        await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(Quotes.MovingAverageSpec("sleeper"));
        var scenario = live.Client.GetGrain<IScenarioGrain>("sleeper");
        await scenario.DeliverAsync(live, Quotes.Zigzag("SPY"));
        var before = await scenario.GetDetails();

        await live.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await live.Cluster.WaitForDeactivationAsync(scenario);
        var after = await scenario.GetDetails();

        Assert.Equal(Json(before!.Summary), Json(after!.Summary));
        Assert.Equal(Json(before.Positions), Json(after.Positions));
        Assert.Equal(Json(before.OpenOrders), Json(after.OpenOrders));
    }

    [Fact]
    public async Task A_state_row_changed_underneath_a_scenario_stops_that_activation_and_the_next_one_loads_the_other_writers_state()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "etag_conflict",
            options: o => o.ScenarioSnapshotInterval = TimeSpan.FromMilliseconds(100));
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("dup"))).Succeeded);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("calm"))).Succeeded);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var dup = live.Client.GetGrain<IScenarioGrain>("dup");
        await feed.Publish(Quotes.Zigzag("SPY", 1));
        await WaitForQuotesAsync(live, 19);
        const string dupRow = "orleansstorage WHERE grainidextensionstring = 'dup'";
        await Eventually.UntilAsync(async () => await live.CountAsync("SELECT count(*) FROM " + dupRow + " AND payloadbinary IS NOT NULL") == 1,
            TimeSpan.FromSeconds(30), "dup's first snapshot");
        await Task.Delay(300); // no snapshot in flight when the row moves

        // Another writer (a duplicate activation) stores its own state under the live activation: one
        // the live activation would never write, because it asks the next activation to halt.
        const string marker = "written by the other activation";
        await live.CountAsync($$"""
            UPDATE orleansstorage
            SET version = version + 1,
                payloadbinary = convert_to(jsonb_set(convert_from(payloadbinary, 'UTF8')::jsonb, '{HaltOnRecovery}', '"{{marker}}"')::text, 'UTF8')
            WHERE grainidextensionstring = 'dup'
            RETURNING version
            """);
        var deactivated = live.Cluster.WaitForDeactivationAsync(dup.GetGrainId());
        await feed.Publish(Quotes.Zigzag("SPY", 20));
        await deactivated.WaitAsync(TimeSpan.FromSeconds(30));

        // Had the stopped activation overwritten the row, the marker would be gone; the next activation
        // finds it and halts with it, after replaying the journal on top of the reloaded snapshot.
        await Eventually.UntilAsync(async () => (await dup.GetSummary())!.Status == "halted", TimeSpan.FromSeconds(30), "dup to halt on recovery");
        Assert.Contains(marker, (await dup.GetSummary())!.HaltReason, StringComparison.Ordinal);
        var replay = (await live.Client.GetGrain<IScenarioReplayGrain>("dup").Replay(1, 0))!;
        Assert.True(replay.Identical, $"{replay.Error} {replay.Journaled} | {replay.Replayed}");

        // Up to the halt, dup decided exactly as its undisturbed twin.
        await WaitForQuotesAsync(live, 38, "calm");
        var calm = await live.ReadDecisionsAsync("calm");
        var dupDecisions = (await live.ReadDecisionsAsync("dup")).Select(d => d.Replace("\"dup", "\"calm", StringComparison.Ordinal)).ToList();
        Assert.True(dupDecisions.Count >= 2, $"the first zigzag should trade, got {dupDecisions.Count} decisions");
        Assert.Equal(calm.Take(dupDecisions.Count - 1), dupDecisions.Take(dupDecisions.Count - 1));

        static async Task WaitForQuotesAsync(LiveLaneCluster live, long quotes, params string[] ids)
        {
            foreach (var id in ids.Length == 0 ? ["dup", "calm"] : ids)
            {
                await Eventually.UntilAsync(async () => (await live.Client.GetGrain<IScenarioGrain>(id).GetSummary())!.QuotesProcessed == quotes,
                    TimeSpan.FromSeconds(30), $"{id} to take {quotes} quotes");
            }
        }
    }

    [Fact]
    public async Task The_kill_switch_halts_every_scenario_and_halted_scenarios_stop_trading()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "killswitch");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        await directory.Create(Quotes.MovingAverageSpec("alpha", "SPY"));
        await directory.Create(Quotes.MovingAverageSpec("beta", "QQQ"));

        var halted = await directory.KillSwitch("test");
        await live.Client.GetGrain<IScenarioGrain>("alpha").DeliverAsync(live, Quotes.Zigzag("SPY"));

        Assert.Equal(["alpha", "beta"], halted.Order());
        var alpha = await live.Client.GetGrain<IScenarioGrain>("alpha").GetSummary();
        Assert.Equal("halted", alpha!.Status);
        Assert.Equal("test", alpha.HaltReason);
        Assert.Equal(0, alpha.Fills);
        var resumed = await live.Client.GetGrain<IScenarioGrain>("alpha").Resume();
        Assert.True(resumed.Succeeded);
        Assert.False((await live.Client.GetGrain<IScenarioGrain>("nobody").Pause()).Succeeded);
    }
}
