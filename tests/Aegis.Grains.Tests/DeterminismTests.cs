using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Live;
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
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly long OpenUnixNs = DateTimeOffset.Parse("2026-03-02T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;

    private string _directory = "";
    private string _day = "";
    private Quote[] _quotes = [];

    public async ValueTask InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("aegis-determinism-").FullName;
        // The first twelve minutes of the session: the opening range forms and the other strategies trade.
        _quotes = new MarketDayGenerator(MarketDayFile.DefaultSeed).Generate()
            .Where(q => q.ExchangeTimeUnixNs >= OpenUnixNs && q.ExchangeTimeUnixNs < OpenUnixNs + (12 * 60_000_000_000L)).ToArray();
        _day = Path.Combine(_directory, "slice.parquet");
        await MarketDayFile.WriteAsync(_day, _quotes);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
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
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        var specs = Directory.GetFiles(DemoScenarioSeeder.Folder, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var ids = new List<string>();
        foreach (var file in specs)
        {
            var created = await directory.Create(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            ids.Add(created.Scenario!.Id);
        }

        using var stopLoad = new CancellationTokenSource();
        var burners = load
            ? Enumerable.Range(0, Environment.ProcessorCount * 4).Select(_ => Task.Run(() => Burn(stopLoad.Token))).ToArray()
            : [];
        var instruments = _quotes.Select(q => q.InstrumentId).Distinct().ToArray();
        var grains = live.Cluster.Client;
        var sink = new FeedQuoteSink(grains, new TransientCallRetry(TimeProvider.System), timeOrderedInstruments: instruments);
        var stats = await new ReplayConnector(new ReplayOptions(speed, MaxBatchSize: speed == 0 ? 512 : 64), TimeProvider.System)
            .RunAsync(_day, sink, TestContext.Current.CancellationToken);
        Assert.Equal(_quotes.Length, stats.Quotes);

        // The day is over: every feed promises everything, so nothing stays held for the merge.
        await Task.WhenAll(instruments.Select(i => grains.GetGrain<IInstrumentFeedGrain>(i).Advance(long.MaxValue)));
        await stopLoad.CancelAsync();
        await Task.WhenAll(burners);

        var journals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var scenario = grains.GetGrain<IScenarioGrain>(id);
            var spec = (await scenario.GetDetails())!.Summary.Instruments;
            var expected = _quotes.Count(q => spec.Contains(q.InstrumentId));
            await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.QuotesProcessed == expected, Deadline, $"{id} to process its {expected} quotes");
            await scenario.FlushJournal();
            var replay = (await grains.GetGrain<IScenarioReplayGrain>(id).Replay(1, 0))!;
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
