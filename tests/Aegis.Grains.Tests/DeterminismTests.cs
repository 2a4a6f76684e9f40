using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

/// <summary>
/// The replayed day through the live lane with the demo scenarios, at different speeds and once under heavy
/// extra thread-pool load: every run gives the same journal, decision for decision, and each scenario's
/// journal equals the replay of its own input log.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(nameof(DeterminismTests))]
public sealed class DeterminismTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private DemoSlice? _slice;

    public async ValueTask InitializeAsync() => _slice = await DemoSlice.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _slice?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Runs_of_the_same_day_at_any_speed_and_under_load_make_identical_journals_equal_to_their_replays()
    {
        var asFastAsPossible = await RunAsync("det_fast", speed: 0, load: false);
        var paced = await RunAsync("det_paced", speed: 240, load: false);
        var loaded = await RunAsync("det_loaded", speed: 0, load: true);

        Assert.True(asFastAsPossible.Values.Sum(j => j.Count) >= 10, $"the demo scenarios should decide, got {string.Join(", ", asFastAsPossible.Select(j => $"{j.Key}: {j.Value.Count}"))}");
        Assert.True(asFastAsPossible.Where(j => j.Key != "spy-ma-crossover").Sum(j => j.Value.Count) > 0, "a multi-instrument scenario should decide");
        foreach (var (id, journal) in asFastAsPossible)
        {
            Assert.Equal(journal, paced[id]);
            Assert.Equal(journal, loaded[id]);
        }
    }

    private async Task<Dictionary<string, List<string>>> RunAsync(string name, double speed, bool load)
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, name);
        var ids = await DemoSlice.CreateScenariosAsync(live, TestContext.Current.CancellationToken);
        using var stopLoad = new CancellationTokenSource();
        var burners = load
            ? Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => Task.Run(() => Burn(stopLoad.Token))).ToArray()
            : [];
        await _slice!.ReplayAsync(live, ids, speed, TestContext.Current.CancellationToken);
        await stopLoad.CancelAsync();
        await Task.WhenAll(burners);

        var journals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var replay = (await live.Client.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!;
            Assert.True(replay.Identical, $"{name} {id}: {replay.Error} {replay.Journaled} | {replay.Replayed}");
            journals[id] = await live.ReadDecisionsAsync(id);
        }

        return journals;
    }

    private static void Burn(CancellationToken stop)
    {
        var x = 0L;
        while (!stop.IsCancellationRequested)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x += i ^ x;
            }

            Thread.Yield();
        }

        GC.KeepAlive(x);
    }
}
