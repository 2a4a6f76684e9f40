using Aegis.Datasets;
using Aegis.Datasets.Layout;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Research;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

/// <summary>
/// A live day recorded as a dataset and backtested on the research cluster makes exactly the decisions in the live
/// lane's journal, for every demo scenario; a recorded day whose quotes were altered does not.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(nameof(DeterminismTests))]
public sealed class LiveDayParityTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task A_backtest_of_a_recorded_live_day_makes_the_live_journals_decisions()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var slice = await DemoSlice.CreateAsync(minutes: 8);
        await using var live = await LiveLaneCluster.StartAsync(postgres, "live_day_parity");
        var ids = await slice.RunAsync(live, speed: 0, cancellationToken);
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "live_day_parity", silos: 1, connectionString: live.ConnectionString);

        var imported = await research.Client.GetGrain<IDatasetImportGrain>("live-day").ImportLive(new LiveDayImport([]));
        Assert.Equal(ids.Order(StringComparer.Ordinal), imported.LastInputByScenario.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["2026-03-02"], imported.Dates);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => research.Client.GetGrain<IDatasetImportGrain>("live-day").ImportLive(new LiveDayImport([])));
        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => research.Client.GetGrain<IDatasetImportGrain>("other").ImportLive(new LiveDayImport(["no-such"])));
        Assert.Contains("no scenario 'no-such'", unknown.Message, StringComparison.Ordinal);

        var decided = 0L;
        foreach (var id in ids)
        {
            var report = await research.Client.GetGrain<IBacktestGrain>(Guid.NewGuid()).Run(new BacktestRequest("live-day", null, id));
            var journaled = (await live.ReadDecisionsAsync(id)).Count;
            Assert.True(report.LiveIdentical == true, $"{id}: decision {report.LiveDivergenceAt}: live {report.LiveJournaled} | backtest {report.LiveReplayed}");
            Assert.Equal(journaled, report.LiveCompared);
            Assert.Equal(journaled, report.Decisions);
            Assert.Equal(imported.LastInputByScenario[id], report.Inputs);
            decided += report.Decisions;
        }

        Assert.True(decided >= 5, $"the demo scenarios should decide on the slice, they made {decided} decisions");

        // The same log over quotes with one price changed: the backtest must notice it no longer makes the live decisions.
        var tampered = await TamperAsync(research, "live-day", "live-day-tampered", ids, cancellationToken);
        var diverged = await research.Client.GetGrain<IBacktestGrain>(Guid.NewGuid()).Run(new BacktestRequest("live-day-tampered", null, tampered));
        Assert.False(diverged.LiveIdentical, $"{tampered}: a backtest over altered quotes still matched the live journal");
        Assert.NotNull(diverged.LiveJournaled ?? diverged.LiveReplayed);
    }

    // Copies a recorded dataset with every price one dollar higher, keeping the log of a scenario that traded (its
    // fills must then differ). Returns that scenario.
    private static async Task<string> TamperAsync(ResearchLaneCluster research, string from, string to, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var reader = new DatasetReader(research.Store);
        var manifest = await reader.ReadManifestAsync(from, cancellationToken);
        foreach (var id in ids)
        {
            var report = await research.Client.GetGrain<IBacktestGrain>(Guid.NewGuid()).Run(new BacktestRequest(from, null, id));
            if (report.Fills == 0)
            {
                continue;
            }

            var (log, _) = await reader.ReadRecordedAsync(manifest, id, cancellationToken);
            var partitions = new List<(DateOnly, QuoteColumns)>();
            foreach (var partition in manifest.Partitions.Where(p => p.Kind == DatasetManifest.QuotesKind))
            {
                var columns = await reader.ReadQuotesAsync(partition, cancellationToken);
                var shifted = Enumerable.Range(0, columns.Count).Select(i => columns[i] with { Bid = columns[i].Bid + 1m, Ask = columns[i].Ask + 1m });
                partitions.Add((partition.Date, QuoteColumns.From(columns.InstrumentId, shifted)));
            }

            await new DatasetWriter(research.Store).WriteAsync(to, "tampered", partitions, [log], cancellationToken);
            return id;
        }

        throw new InvalidOperationException("no demo scenario traded on the slice");
    }
}
