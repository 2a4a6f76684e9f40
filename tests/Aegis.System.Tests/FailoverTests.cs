using System.Diagnostics;
using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.SystemTests;

[Trait("Category", "System")]
public sealed class FailoverTests(PostgresServerFixture postgres) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aegis-failover-").FullName;

    [Fact]
    public async Task Killing_a_silo_moves_its_scenarios_to_the_survivor_with_state_intact()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("failover");
        await using var first = SiloProcess.Start("silo-a", connectionString, _home, "--demo", "false");
        await using var second = SiloProcess.Start("silo-b", connectionString, _home, "--demo", "false");
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
        await using var live = await LiveClusterClient.ConnectAsync(connectionString);
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);

        var ids = Enumerable.Range(1, 16).Select(i => $"failover-{i}").ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            var created = await directory.Create(TestSpecs.MovingAverage(ids[i], "SPY", 10 + i));
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        }

        // Placement keeps new scenarios near the directory that created them: kill the silo holding them.
        var management = live.Client.GetGrain<IManagementGrain>(0);
        var scenarios = (await management.GetDetailedGrainStatistics()).Where(s => s.GrainId.Type.ToString() == "scenario").ToArray();
        var onFirst = scenarios.Count(s => s.SiloAddress.Endpoint.Port == first.SiloPort);
        var (victim, survivor) = onFirst * 2 >= scenarios.Length ? (first, second) : (second, first);
        var onVictim = scenarios.Where(s => s.SiloAddress.Endpoint.Port == victim.SiloPort).Select(s => s.GrainId.Key.ToString()!).ToArray();
        Assert.NotEmpty(onVictim);

        var clock = Stopwatch.StartNew();
        victim.Kill();
        await Eventually.UntilAsync(
            async () => await ClusterProbe.SiloStatusAsync(connectionString, victim.SiloPort) == 6,
            TimeSpan.FromSeconds(60), "the survivor to declare the killed silo dead");
        var declaredDead = clock.Elapsed;

        foreach (var id in onVictim)
        {
            var index = Array.IndexOf(ids, id);
            var summary = await Eventually.UntilAsync(
                () => live.Client.GetGrain<IScenarioGrain>(id).GetSummary(), s => s is not null,
                TimeSpan.FromSeconds(30), $"scenario {id} to answer from the survivor");
            Assert.Equal($"Test {id}", summary!.Name);
            Assert.Equal("running", summary.Status);
        }

        var recovered = clock.Elapsed;
        var nowOnSurvivor = (await management.GetDetailedGrainStatistics())
            .Where(s => s.SiloAddress.Endpoint.Port == survivor.SiloPort && s.GrainId.Type.ToString() == "scenario")
            .Select(s => s.GrainId.Key.ToString())
            .ToHashSet();
        Assert.All(onVictim, id => Assert.Contains(id, nowOnSurvivor));
        Assert.Equal(ids.Order(), (await directory.List()).Select(s => s.Id).Order());

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"FAILOVER declared-dead={declaredDead.TotalSeconds:0.00}s grains-answering={recovered.TotalSeconds:0.00}s moved={onVictim.Length}");
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
