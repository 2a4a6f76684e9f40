using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Live;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

/// <summary>
/// The first minutes of the sample day's session as a replay file, and how a test runs it through a live cluster
/// with the four demo scenarios: the opening range forms and the other strategies trade.
/// </summary>
public sealed class DemoSlice : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly long OpenUnixNs = DateTimeOffset.Parse("2026-03-02T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;

    private readonly string _directory;

    private DemoSlice(string directory, string file, Quote[] quotes)
    {
        _directory = directory;
        File = file;
        Quotes = quotes;
    }

    public string File { get; }

    public Quote[] Quotes { get; }

    public static async Task<DemoSlice> CreateAsync(int minutes = 12)
    {
        var directory = Directory.CreateTempSubdirectory("aegis-demo-slice-").FullName;
        var quotes = new MarketDayGenerator(MarketDayFile.DefaultSeed).Generate()
            .Where(q => q.ExchangeTimeUnixNs >= OpenUnixNs && q.ExchangeTimeUnixNs < OpenUnixNs + (minutes * 60_000_000_000L)).ToArray();
        var file = Path.Combine(directory, "slice.parquet");
        await MarketDayFile.WriteAsync(file, quotes);
        return new DemoSlice(directory, file, quotes);
    }

    /// <summary>Creates the demo scenarios on <paramref name="live"/> and returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> CreateScenariosAsync(LiveLaneCluster live, CancellationToken cancellationToken)
    {
        var directory = live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        var ids = new List<string>();
        foreach (var file in Directory.GetFiles(DemoScenarioSeeder.Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var created = await directory.Create(await System.IO.File.ReadAllTextAsync(file, cancellationToken));
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            ids.Add(created.Scenario!.Id);
        }

        return ids;
    }

    /// <summary>
    /// Replays the slice at <paramref name="speed"/> (0: as fast as possible) into <paramref name="live"/>, ends the
    /// day on every feed, and waits until each of <paramref name="ids"/> has processed and journaled its quotes.
    /// </summary>
    public async Task ReplayAsync(LiveLaneCluster live, IReadOnlyList<string> ids, double speed, CancellationToken cancellationToken)
    {
        var instruments = Quotes.Select(q => q.InstrumentId).Distinct().ToArray();
        var grains = live.Cluster.Client;
        var sink = new FeedQuoteSink(grains, new TransientCallRetry(TimeProvider.System), timeOrderedInstruments: instruments);
        var stats = await new ReplayConnector(new ReplayOptions(speed, MaxBatchSize: speed == 0 ? 512 : 64), TimeProvider.System)
            .RunAsync(File, sink, cancellationToken);
        Assert.Equal(Quotes.Length, stats.Quotes);

        // The day is over: every feed promises everything, so nothing stays held for the merge.
        await Task.WhenAll(instruments.Select(i => grains.GetGrain<IInstrumentFeedGrain>(i).Advance(long.MaxValue)));
        foreach (var id in ids)
        {
            var scenario = grains.GetGrain<IScenarioGrain>(id);
            var watched = (await scenario.GetDetails())!.Summary.Instruments;
            var expected = Quotes.Count(q => watched.Contains(q.InstrumentId));
            await Eventually.UntilAsync(async () => (await scenario.GetSummary())!.QuotesProcessed == expected, Deadline, $"{id} to process its {expected} quotes");
            await scenario.FlushJournal();
        }
    }

    /// <summary>The demo scenarios created on <paramref name="live"/>, then the slice replayed into them; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(LiveLaneCluster live, double speed, CancellationToken cancellationToken)
    {
        var ids = await CreateScenariosAsync(live, cancellationToken);
        await ReplayAsync(live, ids, speed, cancellationToken);
        return ids;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
