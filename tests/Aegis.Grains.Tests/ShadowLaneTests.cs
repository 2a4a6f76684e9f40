using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ShadowLaneTests(PostgresServerFixture postgres)
{
    private const string VariantStrategy = "variant-ma-crossover";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_shadow_twin_makes_every_live_decision_and_resumes_after_its_cluster_restarts_without_skipping_or_repeating_one()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "shadow_parity");
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("solo"))).Succeeded);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("pair").Replace("[SPY]", "[SPY, QQQ]", StringComparison.Ordinal))).Succeeded);
        var pair = live.Client.GetGrain<IScenarioGrain>("pair");
        await PublishRoundsAsync(live, 0, 2, pair);

        var serviceId = "aegis-shadow-resume-" + Guid.NewGuid().ToString("N");
        await using (var shadow = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, serviceId))
        {
            await WaitForParityAsync(live, shadow, "solo", "pair");
        }

        // While the shadow is away the live lane goes on; the next shadow cluster resumes from the twins' persisted positions.
        await PublishRoundsAsync(live, 2, 4, pair);
        Assert.True((await pair.Halt("test: operator halt")).Succeeded);
        await using (var shadow = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, serviceId))
        {
            foreach (var report in await WaitForParityAsync(live, shadow, "solo", "pair"))
            {
                var decisions = await live.CountAsync($"SELECT count(*) FROM decision_journal WHERE scenario_id = '{report.ScenarioId}'");
                Assert.True(decisions >= 6, $"{report.ScenarioId} should have decided several times, got {decisions}");
                Assert.Equal(decisions, report.Compared);
                Assert.Equal(decisions, report.Matched);
                Assert.Equal(0, report.Divergences);
                Assert.Null(report.First);

                // Every live decision has exactly one shadow twin with the same input and content: none skipped, none repeated.
                Assert.Equal(decisions, await live.CountAsync($"SELECT count(*) FROM shadow_decision_journal WHERE scenario_id = '{report.ScenarioId}'"));
                Assert.Equal(decisions, await live.CountAsync(
                    "SELECT count(*) FROM decision_journal l JOIN shadow_decision_journal s USING (scenario_id, decision_sequence) " +
                    $"WHERE l.scenario_id = '{report.ScenarioId}' AND l.input_sequence = s.input_sequence AND l.decision = s.decision"));

                var twin = await shadow.Client.GetGrain<IShadowScenarioGrain>(report.ScenarioId).GetStatus();
                Assert.Equal("following", twin.State);
                Assert.Equal(0, twin.LagInputs);
                Assert.Equal(await live.CountAsync($"SELECT max(input_sequence) FROM scenario_inputs WHERE scenario_id = '{report.ScenarioId}'"), twin.InputSequence);
            }

            var halted = await shadow.Client.GetGrain<IShadowScenarioGrain>("pair").GetStatus();
            Assert.Equal("halted", halted.ScenarioStatus);
        }

        Assert.Equal(0, await live.CountAsync("SELECT count(*) FROM alerts"));
    }

    [Fact]
    public async Task A_shadow_build_with_one_parameter_changed_is_reported_divergent_at_exactly_the_first_decision_that_differs()
    {
        // The live lane runs the crossover as specified; the shadow's build of the same strategy averages 3 quotes instead of 4.
        var liveCatalog = StrategyCatalog.Reference.With(VariantStrategy, p => StrategyFactory.Create(StrategyFactory.MovingAverageCrossover, p));
        var shadowCatalog = StrategyCatalog.Reference.With(VariantStrategy, p =>
            StrategyFactory.Create(StrategyFactory.MovingAverageCrossover, new Dictionary<string, string>(p) { ["slow"] = "3" }));
        await using var live = await LiveLaneCluster.StartAsync(postgres, "shadow_diverge", strategies: liveCatalog);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("variant").Replace("ma-crossover", VariantStrategy, StringComparison.Ordinal))).Succeeded);
        await PublishRoundsAsync(live, 0, 3, null, "variant");

        var last = await LastInput(live, "variant");
        await using var shadow = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, strategies: shadowCatalog, build: "1.0.0+slow-3");
        var report = await Eventually.UntilAsync(() => shadow.Client.GetGrain<IParityGrain>("variant").GetReport(),
            r => r.ThroughInput == last, Deadline, "the variant's parity to reach the live log's end");

        // The first decision whose journaled content differs between the two lanes, found from the tables alone.
        var firstDifferent = await live.CountAsync(
            "SELECT min(coalesce(l.decision_sequence, s.decision_sequence)) FROM decision_journal l " +
            "FULL JOIN shadow_decision_journal s USING (scenario_id, decision_sequence) " +
            "WHERE coalesce(l.scenario_id, s.scenario_id) = 'variant' AND (l.decision IS DISTINCT FROM s.decision OR l.input_sequence IS DISTINCT FROM s.input_sequence)");
        Assert.True(firstDifferent > 1, $"the variant should agree on some decisions before it differs (first difference at {firstDifferent})");

        Assert.NotNull(report.First);
        Assert.Equal(firstDifferent, report.First.DecisionSequence);
        Assert.InRange(report.Matched, firstDifferent - 1, report.Compared - 1); // later decisions may agree again
        Assert.Equal(report.Compared, report.Matched + report.Divergences);
        Assert.Equal(await live.CountAsync("SELECT count(*) FROM decision_journal WHERE scenario_id = 'variant'"), report.Compared);
        Assert.NotEqual(report.First.Live, report.First.Shadow);
        Assert.StartsWith("input ", report.First.Live, StringComparison.Ordinal);
        Assert.Equal("1.0.0+slow-3", report.ShadowBuild);
        Assert.StartsWith("1.0.0+", report.LiveBuild, StringComparison.Ordinal);
        Assert.NotEqual(report.ShadowBuild, report.LiveBuild);

        var divergences = await shadow.Client.GetGrain<IParityGrain>("variant").GetDivergences(100);
        Assert.Equal(report.Divergences, divergences.Count);
        Assert.Equal(firstDifferent, divergences[0].DecisionSequence);
        Assert.True(await live.CountAsync(
            $"SELECT count(*) FROM alerts WHERE lane = 'shadow' AND source = 'parity' AND subject = 'variant' AND message LIKE '%at decision {firstDifferent} %'") >= 1);
    }

    [Fact]
    public async Task A_deliberately_slow_shadow_strategy_falls_behind_raises_a_lag_alert_and_still_catches_up_to_full_parity()
    {
        // The same strategy in both lanes, but the shadow's build spends 40 ms on every quote.
        await using var live = await LiveLaneCluster.StartAsync(postgres, "shadow_slow", strategies: DelayedStrategy.Catalog(TimeSpan.Zero));
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        Assert.True((await directory.Create(Quotes.MovingAverageSpec("slow").Replace("ma-crossover", DelayedStrategy.Name, StringComparison.Ordinal))).Succeeded);
        await PublishRoundsAsync(live, 0, 4, null, "slow");
        var last = await LastInput(live, "slow");

        await using var shadow = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, strategies: DelayedStrategy.Catalog(TimeSpan.FromMilliseconds(40)),
            options: o =>
            {
                o.InputsPerStep = 1;
                o.LagAlert = TimeSpan.FromSeconds(20);
            });
        var twin = shadow.Client.GetGrain<IShadowScenarioGrain>("slow");
        var behind = await Eventually.UntilAsync(twin.GetStatus, s => s.LagInputs > 0 && s.LiveInputSequence == last, Deadline, "the slow twin to see how far behind it is");
        Assert.True(behind.LagSeconds > 0);
        // Never more exchange time than the live log spans, even before the twin has taken its first input.
        var span = await live.CountAsync("SELECT (max(event_time_unix_ns) - min(event_time_unix_ns)) / 1000000000 FROM scenario_inputs WHERE scenario_id = 'slow'");
        Assert.InRange(behind.LagSeconds, 0, span + 1);

        await Eventually.UntilAsync(async () => await live.CountAsync(
            "SELECT count(*) FROM alerts WHERE lane = 'shadow' AND source = 'shadow-lag' AND subject = 'slow' AND severity = 'warning'") == 1,
            Deadline, "a lag alert for the slow twin");
        var report = await Eventually.UntilAsync(() => shadow.Client.GetGrain<IParityGrain>("slow").GetReport(), r => r.ThroughInput == last, Deadline, "the slow twin to catch up");
        Assert.Equal(report.Compared, report.Matched);
        Assert.True(report.Compared > 0);
        Assert.Equal(0, (await twin.GetStatus()).LagInputs);
    }

    [Fact]
    public async Task A_twin_whose_strategy_its_build_lacks_stops_with_the_reason_and_an_alert_and_a_build_that_has_it_resumes_to_full_parity()
    {
        var liveCatalog = StrategyCatalog.Reference.With(VariantStrategy, p => StrategyFactory.Create(StrategyFactory.MovingAverageCrossover, p));
        await using var live = await LiveLaneCluster.StartAsync(postgres, "shadow_failed", strategies: liveCatalog);
        Assert.True((await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key)
            .Create(Quotes.MovingAverageSpec("newer").Replace("ma-crossover", VariantStrategy, StringComparison.Ordinal))).Succeeded);
        await PublishRoundsAsync(live, 0, 2, null, "newer");
        var last = await LastInput(live, "newer");

        var serviceId = "aegis-shadow-failed-" + Guid.NewGuid().ToString("N");
        await using (var older = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, serviceId, build: "1.0.0+older"))
        {
            var failed = await Eventually.UntilAsync(older.Client.GetGrain<IShadowScenarioGrain>("newer").GetStatus, s => s.State == "failed", Deadline, "the twin to stop");
            Assert.Contains($"unknown strategy '{VariantStrategy}'", failed.Failure, StringComparison.Ordinal);
            Assert.Equal(1, await live.CountAsync("SELECT count(*) FROM alerts WHERE lane = 'shadow' AND source = 'shadow-twin' AND subject = 'newer' AND severity = 'critical'"));
        }

        await using var newer = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString, serviceId, strategies: liveCatalog, build: "1.0.0+newer");
        var report = await Eventually.UntilAsync(() => newer.Client.GetGrain<IParityGrain>("newer").GetReport(), r => r.ThroughInput == last, Deadline, "the newer build to follow");
        Assert.Equal(report.Compared, report.Matched);
        Assert.True(report.Compared > 0);
        Assert.Equal("1.0.0+newer", report.ShadowBuild);
        Assert.Equal("following", (await newer.Client.GetGrain<IShadowScenarioGrain>("newer").GetStatus()).State);
    }

    [Fact]
    public async Task The_shadow_role_reads_the_live_contracts_and_cannot_write_a_live_table_a_broker_token_or_another_lanes_grain_state()
    {
        var liveConnectionString = await postgres.CreateMigratedDatabaseAsync("shadow_role");
        await using var shadow = NpgsqlDataSource.Create(await ShadowLaneCluster.ShadowConnectionStringAsync(postgres, liveConnectionString));

        foreach (var contract in new[] { "scenario_inputs", "scenario_input_blocks", "decision_journal", "quote_tape_blocks", "scenario_specs", "broker_access_tokens" })
        {
            await using var read = shadow.CreateCommand($"SELECT count(*) FROM {contract}");
            Assert.Equal(0L, await read.ExecuteScalarAsync());
        }

        foreach (var write in new[]
        {
            "INSERT INTO decision_journal (scenario_id, decision_sequence, instrument_id, quote_sequence, quote_exchange_time_unix_ns, status_after, decision) VALUES ('x', 1, 'SPY', 1, 1, 'Running', '{}')",
            "DELETE FROM scenario_input_blocks",
            "UPDATE scenario_specs SET spec_text = ''",
            "INSERT INTO broker_access_tokens (account_key, sealed_access_token, expires_utc) VALUES ('saxo:sim:x', '\\x00', now())",
            "UPDATE broker_access_tokens SET expires_utc = now()",
            "INSERT INTO scenario_specs (scenario_id, spec_text) VALUES ('x', 'y')",
            "INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version) " +
                "VALUES (1, 1, 1, 1, 'live-scenario', 'x', 'aegis-live', NULL, now(), 1)",
        })
        {
            await using var command = shadow.CreateCommand(write);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // Its own tables it can write.
        await using var own = shadow.CreateCommand(
            "INSERT INTO shadow_decision_journal (scenario_id, decision_sequence, input_sequence, decision, build) VALUES ('x', 1, 1, '{}', 'b')");
        Assert.Equal(1, await own.ExecuteNonQueryAsync());
    }

    private static async Task<long> LastInput(LiveLaneCluster live, string scenarioId) =>
        await live.CountAsync($"SELECT coalesce(max(input_sequence), 0) FROM scenario_inputs WHERE scenario_id = '{scenarioId}'");

    // Rounds of zigzag quotes on SPY and QQQ; the pair is paused in round 1 and resumed in round 2.
    private static async Task PublishRoundsAsync(LiveLaneCluster live, int from, int to, IScenarioGrain? pair, params string[] waitFor)
    {
        var spy = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        var qqq = live.Client.GetGrain<IInstrumentFeedGrain>("QQQ");
        for (var round = from; round < to; round++)
        {
            await Task.WhenAll(spy.Publish(Quotes.Zigzag("SPY", 1 + (round * 19))), qqq.Publish(Quotes.Zigzag("QQQ", 1 + (round * 19))));
            if (pair is not null && round == 1)
            {
                Assert.True((await pair.Pause()).Succeeded);
            }
            else if (pair is not null && round == 2)
            {
                Assert.True((await pair.Resume()).Succeeded);
            }
        }

        var expected = new Dictionary<string, long> { ["solo"] = 19L * to, ["pair"] = 38L * to };
        foreach (var id in waitFor.Length > 0 ? waitFor : pair is null ? [] : ["solo", "pair"])
        {
            var quotes = expected.GetValueOrDefault(id, 19L * to);
            await Eventually.UntilAsync(async () => (await live.Client.GetGrain<IScenarioGrain>(id).GetSummary())!.QuotesProcessed == quotes,
                Deadline, $"{id} to take every quote");
        }

        // Taken is not yet journaled: the input log is what the shadow reads.
        foreach (var id in waitFor.Length > 0 ? waitFor : pair is null ? [] : ["solo", "pair"])
        {
            await Eventually.UntilAsync(async () => await live.CountAsync(
                $"SELECT coalesce(sum(quote_count), 0) FROM scenario_inputs WHERE scenario_id = '{id}'") == expected.GetValueOrDefault(id, 19L * to),
                Deadline, $"{id}'s inputs to be journaled");
        }
    }

    private static async Task<IReadOnlyList<ParityReport>> WaitForParityAsync(LiveLaneCluster live, ShadowLaneCluster shadow, params string[] scenarioIds)
    {
        var reports = new List<ParityReport>();
        foreach (var id in scenarioIds)
        {
            var last = await LastInput(live, id);
            reports.Add(await Eventually.UntilAsync(() => shadow.Client.GetGrain<IParityGrain>(id).GetReport(),
                r => r.ThroughInput == last, Deadline, $"{id}'s parity to reach input {last}"));
        }

        return reports;
    }
}
