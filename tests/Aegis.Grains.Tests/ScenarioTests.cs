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
