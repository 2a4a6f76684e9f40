using System.Diagnostics;
using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.SystemTests;

/// <summary>The replayed market outlives the silo that enabled it.</summary>
[Trait("Category", "System")]
public sealed class ReplaySurvivalTests(PostgresServerFixture postgres) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _demoHome = Directory.CreateTempSubdirectory("aegis-replay-demo-").FullName;
    private readonly string _plainHome = Directory.CreateTempSubdirectory("aegis-replay-plain-").FullName;

    [Fact]
    public async Task Killing_the_demo_silo_running_the_replay_moves_it_to_a_silo_started_without_the_demo()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("replaysurvives");
        await using var demo = SiloProcess.Start("replay-demo", connectionString, _demoHome, "--demo", "true", "--replay-speed", "100");
        await demo.WaitUntilReadyAsync(Patience);
        await using var live = await LiveClusterClient.ConnectAsync(connectionString);
        var replay = live.Client.GetGrain<IReplayGrain>(IReplayGrain.Key);
        await Eventually.UntilAsync(replay.GetStatus, s => s.Running && s.QuotesPublished > 0, Patience, "the demo silo to start the replay");

        // Started once the replay runs on the demo silo, so the replay is there and not here; its own
        // home has no sample day yet, and its settings do not enable the replay.
        await using var plain = SiloProcess.Start("replay-plain", connectionString, _plainHome, "--demo", "false");
        await plain.WaitUntilReadyAsync(Patience);
        var management = live.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(demo.SiloPort, await ReplaySiloPortAsync(management));

        var atKill = await replay.GetStatus();
        Assert.True(atKill.Running);
        var clock = Stopwatch.StartNew();
        demo.Kill();

        var resumed = await Eventually.UntilAsync(
            replay.GetStatus,
            s => s.Running && s.LastError is null && s.QuotesPublished > atKill.QuotesPublished && s.CursorExchangeTimeUnixNs > atKill.CursorExchangeTimeUnixNs,
            TimeSpan.FromSeconds(20),
            "the replay to go on from the survivor");
        var recovered = clock.Elapsed;
        Assert.Equal(100, resumed.Speed);
        Assert.Equal(plain.SiloPort, await ReplaySiloPortAsync(management));

        var status = await ConsoleRun.RunAsync(connectionString, _plainHome, "replay", "status");
        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith("replay running: ", status.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_plainHome, "market", Path.GetFileName(Directory.GetFiles(Path.Combine(_demoHome, "market"), "sample-day-*.parquet").Single()))),
            "the survivor should have generated its own copy of the sample day");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"REPLAY resumed-after={recovered.TotalSeconds:0.00}s quotes {atKill.QuotesPublished} -> {resumed.QuotesPublished}");
    }

    private static async Task<int> ReplaySiloPortAsync(IManagementGrain management) =>
        (await management.GetDetailedGrainStatistics())
            .Single(s => s.GrainId.Type.ToString() == "replay").SiloAddress.Endpoint.Port;

    public void Dispose()
    {
        Directory.Delete(_demoHome, recursive: true);
        Directory.Delete(_plainHome, recursive: true);
    }
}
