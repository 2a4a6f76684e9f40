using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.SystemTests;

/// <summary>The live lane trading the replayed day while things break underneath it.</summary>
[Trait("Category", "System")]
public sealed class LiveLaneReliabilityTests(PostgresServerFixture postgres) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _home = Directory.CreateTempSubdirectory("aegis-live-").FullName;

    [Fact]
    public async Task Killing_a_live_silo_mid_replay_loses_and_duplicates_no_fill_and_the_feed_goes_on()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("killreplay");
        await using var first = SiloProcess.Start("live-a", connectionString, _home, "--demo", "true", "--replay-speed", "100");
        await using var second = SiloProcess.Start("live-b", connectionString, _home, "--demo", "true", "--replay-speed", "100");
        await Task.WhenAll(first.WaitUntilReadyAsync(Patience), second.WaitUntilReadyAsync(Patience));
        await using var live = await LiveClusterClient.ConnectAsync(connectionString);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        var replay = live.Client.GetGrain<IReplayGrain>(IReplayGrain.Key);

        await Eventually.UntilAsync(async () => (await directory.List()).Sum(s => s.Fills) >= 100, Patience, "the demo scenarios to fill 100 orders");

        // Kill the silo running the replay, so the market itself has to move.
        var management = live.Client.GetGrain<IManagementGrain>(0);
        var replayPort = (await management.GetDetailedGrainStatistics())
            .Single(s => s.GrainId.Type.ToString() == "replay").SiloAddress.Endpoint.Port;
        var (victim, survivor) = replayPort == first.SiloPort ? (first, second) : (second, first);
        var publishedBefore = (await replay.GetStatus()).QuotesPublished;
        victim.Kill();

        await Eventually.UntilAsync(async () => (await replay.GetStatus()).QuotesPublished > publishedBefore + 5_000,
            Patience, "the replay to go on from the survivor");
        var fillsAfterKill = await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM scenario_fills");
        await Eventually.UntilAsync(
            async () => await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM scenario_fills") > fillsAfterKill,
            Patience, "scenarios to trade again after the kill");

        await HaltAllAndCheckBooksAsync(live, connectionString);
        Assert.False(survivor.HasExited);
    }

    [Fact]
    public async Task Crashing_postgres_mid_replay_recovers_by_itself_and_every_journaled_input_has_its_quotes_in_the_tape()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("pgrestart");
        await using var silo = SiloProcess.Start("live-pg", connectionString, _home, "--demo", "true", "--replay-speed", "100");
        await silo.WaitUntilReadyAsync(Patience);
        await using var live = await LiveClusterClient.ConnectAsync(connectionString);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        await Eventually.UntilAsync(async () => (await directory.List()).Sum(s => s.Fills) >= 50, Patience, "the demo scenarios to fill 50 orders");

        var fillsBefore = await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM scenario_fills");
        var tapeBefore = await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM quote_tape");
        // -m immediate: no checkpoint, so whatever was not flushed to the WAL is lost, as in a crash.
        await postgres.Server.StopAsync(immediate: true);
        using (var http = new HttpClient())
        {
            await Eventually.UntilAsync(async () =>
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/health/ready"));
                return !response.IsSuccessStatusCode;
            }, Patience, "the silo to report the database gone");
        }

        // Trading goes on in memory meanwhile: summaries still answer.
        Assert.NotEmpty(await directory.List());
        await postgres.Server.EnsureStartedAsync();

        await Eventually.UntilAsync(
            async () => await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM scenario_fills") > fillsBefore + 20,
            Patience, "fills to land in the database again");
        await Eventually.UntilAsync(
            async () => await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM quote_tape") > tapeBefore + 10_000,
            Patience, "the quote tape to be written again");

        await HaltAllAndCheckBooksAsync(live, connectionString);
        Assert.False(silo.HasExited);

        // Tape first: every quote a logged input refers to survived the crash, at both ends of its run.
        const string missingQuotes = """
            SELECT count(*) FROM scenario_inputs i
            WHERE i.kind = 0 AND (
                NOT EXISTS (SELECT 1 FROM quote_tape_blocks b WHERE b.instrument_id = i.instrument_id AND b.source = i.source
                            AND i.first_sequence BETWEEN b.first_sequence AND b.last_sequence AND i.first_sequence = ANY (b.sequences))
             OR NOT EXISTS (SELECT 1 FROM quote_tape_blocks b WHERE b.instrument_id = i.instrument_id AND b.source = i.source
                            AND i.last_sequence BETWEEN b.first_sequence AND b.last_sequence AND i.last_sequence = ANY (b.sequences)))
            """;
        Assert.True(await ClusterProbe.ScalarAsync(connectionString, "SELECT count(*) FROM scenario_inputs WHERE kind = 0") > 100);
        Assert.Equal(0, await ClusterProbe.ScalarAsync(connectionString, missingQuotes));
    }

    private static async Task HaltAllAndCheckBooksAsync(LiveClusterClient live, string connectionString)
    {
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        var halted = await Eventually.UntilAsync(() => directory.KillSwitch("test: check the books"), h => h.Count == ScenarioLedger.DemoStartingCash.Count,
            Patience, "the kill switch to halt every scenario");
        Assert.Equal(ScenarioLedger.DemoStartingCash.Keys.Order(), halted.Order());

        // Halted scenarios trade no more; wait for journal writes still in flight to land.
        await Eventually.UntilAsync(async () =>
        {
            foreach (var id in halted)
            {
                var details = await live.Client.GetGrain<IScenarioGrain>(id).GetDetails();
                await ScenarioLedger.AssertConsistentAsync(connectionString, details!, ScenarioLedger.DemoStartingCash[id]);
            }

            return true;
        }, TimeSpan.FromSeconds(30), "every scenario's books to match its journaled fills");

        // Decision by decision: a replay of each scenario's durable inputs (input log + tape) from its
        // creation makes exactly its journal, including every decision made after the crash or outage.
        // The replay reads its quotes from the tape, so it also proves no journaled decision lacks its quotes.
        foreach (var id in halted)
        {
            var summary = await live.Client.GetGrain<IScenarioGrain>(id).GetSummary();
            var replay = await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0);
            Assert.True(replay!.Identical, $"{id}: {replay.Error} {replay.Journaled} | {replay.Replayed}");
            Assert.Equal(summary!.Decisions, replay.DecisionsCompared);
            Assert.True(replay.DecisionsCompared > 0, $"{id} should have decided");
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
