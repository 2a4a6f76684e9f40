using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Research;
using Aegis.Grains.Research;
using Aegis.Grains.Research.Jobs;
using Aegis.Research.Backtests;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;
using Aegis.Testing;
using Orleans.TestingHost;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ResearchLaneTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static string CrossoverYaml(string strategy = "ma-crossover") => $$"""
        id: cross
        name: Cross
        strategy: {{strategy}}
        parameters: {fast: 5, slow: 20, quantity: 100}
        instruments: [SPY]
        limits: {maxPositionUnits: 1000, maxNotional: 10000000, maxOrdersPerMinute: 120, maxDailyLoss: 1000000}
        venue: paper
        startingCash: 250000
        """;

    [Fact]
    public async Task A_sweep_spreads_its_chunks_over_every_research_silo_and_publishes_what_running_the_trials_here_gives()
    {
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "research_sweep", silos: 2);
        await research.WriteDatasetAsync("walk", 3_000, "SPY");
        var spec = new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3", "5", "8"]), new SweepAxis("slow", ["15", "25", "40", "60"])],
            [], 0, 0, CscvSplits: 4, TrialsPerChunk: 2);
        var job = research.Client.GetGrain<IResearchJobGrain>("sweep-1");

        var submitted = await job.Submit(spec);
        Assert.Equal((12, 6), (submitted.Trials, submitted.ChunksTotal));
        var done = await Eventually.UntilAsync(job.GetStatus, s => s.State != ResearchJobStatus.Running, Deadline, "the sweep to finish");

        Assert.True(done.State == ResearchJobStatus.Completed, done.Error);
        Assert.Equal(2, done.ChunksBySilo.Count); // chunk N on silo N mod 2
        Assert.All(done.ChunksBySilo.Values, count => Assert.Equal(3, count));
        var summary = JsonSerializer.Deserialize<SweepSummary>(await research.Store.GetAsync(ResultPublisher.SummaryKey("sweep-1")), ResearchJson.Options)!;
        var expected = RunHere(research, "walk", ParameterGrid.Expand(Read(CrossoverYaml()), [("fast", ["3", "5", "8"]), ("slow", ["15", "25", "40", "60"])]), StrategyCatalog.Reference);
        Assert.Equal(expected.Select(r => r.ScenarioId), summary.Trials.Select(t => t.Id));
        Assert.Equal(expected.Select(r => r.Summary), summary.Trials.Select(t => t.Summary));
        Assert.NotNull(summary.Cscv);
        Assert.InRange(summary.DeflatedSharpe!.Value, 0, 1);
        Assert.Equal(["results/job=sweep-1/equity.parquet", "results/job=sweep-1/summary.json", "results/job=sweep-1/trades.parquet"], await research.Store.ListAsync("results/"));
        Assert.Empty(await research.Store.ListAsync("staging/"));
        var row = await research.JobRowAsync("sweep-1");
        Assert.Equal("completed", row.State);
        Assert.NotNull(row.PublishedAt);
    }

    [Fact]
    public async Task A_worker_silo_killed_mid_job_costs_retries_not_results_and_nothing_partial_shows_under_results()
    {
        // Every quote costs the strategy 3 ms here, so that the job is still running when a silo dies.
        var slow = DelayedStrategy.Catalog(TimeSpan.FromMilliseconds(3));
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "research_kill", silos: 3, slow, o => o.ChunksInFlight = 3);
        await research.WriteDatasetAsync("walk", 400, "SPY");
        var spec = new ResearchJobSpec("walk", CrossoverYaml(DelayedStrategy.Name), [new SweepAxis("fast", ["2", "3", "4", "5", "6", "7"]), new SweepAxis("slow", ["10", "20"])],
            [], 0, 0, CscvSplits: 0, TrialsPerChunk: 1);
        var job = research.Client.GetGrain<IResearchJobGrain>("sweep-kill");
        await job.Submit(spec);

        var running = await Eventually.UntilAsync(job.GetStatus, s => s.ChunksDone >= 2, Deadline, "two chunks to finish");
        Assert.True(running.ChunksDone < running.ChunksTotal, "the job finished before a silo could be killed: make its chunks slower");
        Assert.Empty(await research.Store.ListAsync("results/"));
        var jobSilo = await SiloOfAsync(research, job);
        var victim = research.Cluster.Silos.First(s => s != jobSilo && s != research.Cluster.Silos[0]);
        await research.Cluster.KillSiloAsync(victim);

        var done = await Eventually.UntilAsync(async () =>
        {
            var status = await job.GetStatus();
            Assert.True(status.State != ResearchJobStatus.Running || status.ChunksDone == status.ChunksTotal || (await research.Store.ListAsync("results/")).Count == 0,
                "results showed before every chunk was done");
            return status;
        }, s => s.State != ResearchJobStatus.Running, Deadline, "the job to finish after the kill");

        Assert.True(done.State == ResearchJobStatus.Completed, done.Error);
        var summary = JsonSerializer.Deserialize<SweepSummary>(await research.Store.GetAsync(ResultPublisher.SummaryKey("sweep-kill")), ResearchJson.Options)!;
        var undisturbed = RunHere(research, "walk", ParameterGrid.Expand(Read(CrossoverYaml(DelayedStrategy.Name), DelayedStrategy.Catalog(TimeSpan.Zero)),
            [("fast", ["2", "3", "4", "5", "6", "7"]), ("slow", ["10", "20"])]), DelayedStrategy.Catalog(TimeSpan.Zero));
        Assert.Equal(undisturbed.Select(r => r.Summary), summary.Trials.Select(t => t.Summary));
        Assert.Equal(undisturbed.Select(r => r.Equity.Count), summary.Trials.Select(t => t.Summary.Periods));
    }

    [Fact]
    public async Task A_walk_forward_job_runs_a_fold_per_chunk_over_every_silo_and_publishes_the_folds_stitched_as_running_them_here_gives()
    {
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "research_walk", silos: 2);
        await research.WriteDatasetAsync("walk", 3_600, "SPY"); // an hour, a quote a second
        var grid = new[] { new SweepAxis("fast", ["3", "5", "8"]), new SweepAxis("slow", ["15", "40"]) };
        var spec = new ResearchJobSpec("walk", CrossoverYaml(), grid, [], 0, 0, 0, 0, WalkForward: new WalkForwardSpec(10, 2, 1, "rolling"));
        var job = research.Client.GetGrain<IResearchJobGrain>("walk-1");

        var submitted = await job.Submit(spec);
        Assert.Equal((6, 4), (submitted.Trials, submitted.ChunksTotal)); // six ten-minute periods: train on two, test each of the last four
        var done = await Eventually.UntilAsync(job.GetStatus, s => s.State != ResearchJobStatus.Running, Deadline, "the walk-forward job to finish");

        Assert.True(done.State == ResearchJobStatus.Completed, done.Error);
        Assert.Equal(2, done.ChunksBySilo.Count);
        var summary = JsonSerializer.Deserialize<WalkForwardSummary>(await research.Store.GetAsync(ResultPublisher.SummaryKey("walk-1")), ResearchJson.Options)!;
        var reader = new Aegis.Datasets.DatasetReader(research.Store);
        var manifest = await reader.ReadManifestAsync("walk");
        var quotes = new MarketDay([await reader.ReadQuotesAsync(manifest.Partitions[0])]).Merged(["SPY"]);
        var trials = ParameterGrid.Expand(Read(CrossoverYaml()), [("fast", ["3", "5", "8"]), ("slow", ["15", "40"])]);
        var catalog = new InstrumentCatalog(Aegis.Connectors.Replay.SampleMarket.Instruments);
        var windows = WalkForwardWindow.Over(quotes[0].ExchangeTimeUnixNs, quotes[^1].ExchangeTimeUnixNs, 10 * 60_000_000_000L, 2, 1, WalkForwardMode.Rolling);
        var expected = WalkForwardAnalysis.Stitch(windows.Select(w => WalkForwardAnalysis.RunFold(quotes, w, trials, StrategyCatalog.Reference, catalog.Find)).ToList(),
            id => catalog.Find(id)?.Multiplier ?? 1m, new BacktestOptions().PeriodsPerYear);
        Assert.Equal("walkforward", summary.Kind);
        Assert.Equal(expected.Folds.Select(f => f.ChosenId), summary.Folds.Select(f => f.ChosenId));
        Assert.Equal(expected.OutOfSample, summary.OutOfSample);
        Assert.Equal(expected.Efficiency, summary.Efficiency);
        Assert.Equal(40, summary.OutOfSample.Periods);
        Assert.Empty(await research.Store.ListAsync("staging/"));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => research.Client.GetGrain<IResearchJobGrain>("walk-2")
            .Submit(spec with { WalkForward = new WalkForwardSpec(30, 2, 1, "rolling") }));
        Assert.StartsWith("walkForward: ", refused.Message, StringComparison.Ordinal); // two half-hour periods leave nothing to test
        var badMode = await Assert.ThrowsAsync<ArgumentException>(() => research.Client.GetGrain<IResearchJobGrain>("walk-3")
            .Submit(spec with { WalkForward = new WalkForwardSpec(10, 2, 1, "sideways") }));
        Assert.Equal("walkForward: mode 'sideways' is not rolling or anchored", badMode.Message);
    }

    [Theory]
    [InlineData("", "dataset: required")]
    [InlineData("../x", "dataset: ")]
    public async Task A_malformed_spec_is_refused_with_the_field_and_the_reason(string dataset, string message)
    {
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "research_refused_" + (dataset.Length == 0 ? "empty" : "path"), silos: 1);
        var job = research.Client.GetGrain<IResearchJobGrain>("bad");

        var badDataset = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec(dataset, CrossoverYaml(), [new SweepAxis("fast", ["3"])], [], 0, 0, 0, 0)));
        Assert.StartsWith(message, badDataset.Message, StringComparison.Ordinal);
        var badTrial = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3", "zero"])], [], 0, 0, 0, 0)));
        Assert.StartsWith("grid: trial 1 (fast=zero) does not build:", badTrial.Message, StringComparison.Ordinal);
        var badSplits = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3"])], [], 0, 0, 3, 0)));
        Assert.StartsWith("cscvSplits: 3", badSplits.Message, StringComparison.Ordinal);
        var both = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [], [], 0, 0, 0, 0)));
        Assert.StartsWith("grid / randomTrials:", both.Message, StringComparison.Ordinal);
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3"])], [], 0, 0, 0, 0, Workers: 101)));
        Assert.Equal("workers: 101 is not from 0 to 100", tooMany.Message);
        var noLauncher = await Assert.ThrowsAsync<ArgumentException>(() => job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3"])], [], 0, 0, 0, 0, Workers: 2)));
        Assert.StartsWith("workers: this research cluster has no launcher", noLauncher.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_partition_fails_the_job_with_an_error_naming_it_and_publishes_nothing()
    {
        await using var research = await ResearchLaneCluster.StartAsync(postgres, "research_corrupt", silos: 1);
        await research.WriteDatasetAsync("walk", 500, "SPY");
        const string Key = "datasets/walk/date=2026-03-02/symbol=SPY/part-0.parquet";
        var bytes = await research.Store.GetAsync(Key);
        bytes[bytes.Length / 3] ^= 0x5A;
        await research.Store.PutAsync(Key, bytes);
        var job = research.Client.GetGrain<IResearchJobGrain>("corrupt");

        await job.Submit(new ResearchJobSpec("walk", CrossoverYaml(), [new SweepAxis("fast", ["3", "5"])], [], 0, 0, 0, 1));
        var done = await Eventually.UntilAsync(job.GetStatus, s => s.State != ResearchJobStatus.Running, Deadline, "the job to fail");

        Assert.Equal(ResearchJobStatus.Failed, done.State);
        Assert.Contains($"partition {Key} is corrupt", done.Error, StringComparison.Ordinal);
        Assert.Empty(await research.Store.ListAsync("results/"));
        Assert.Equal("failed", (await research.JobRowAsync("corrupt")).State);
    }

    private static ScenarioSpec Read(string yaml, StrategyCatalog? strategies = null) => ScenarioSpecReader.Read(yaml, strategies ?? StrategyCatalog.Reference).Spec!;

    private static IReadOnlyList<BacktestResult> RunHere(ResearchLaneCluster research, string dataset, IReadOnlyList<ScenarioSpec> trials, StrategyCatalog strategies)
    {
        var reader = new Aegis.Datasets.DatasetReader(research.Store);
        var manifest = reader.ReadManifestAsync(dataset).GetAwaiter().GetResult();
        var day = new MarketDay(manifest.Partitions.Select(p => reader.ReadQuotesAsync(p).GetAwaiter().GetResult()).ToList());
        var catalog = new InstrumentCatalog(Aegis.Connectors.Replay.SampleMarket.Instruments);
        return Sweep.Run(day, trials, strategies, catalog.Find);
    }

    private static async Task<InProcessSiloHandle?> SiloOfAsync(ResearchLaneCluster research, IAddressable grain)
    {
        var statistics = await research.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var address = statistics.FirstOrDefault(s => s.GrainId == grain.GetGrainId())?.SiloAddress;
        return research.Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
    }
}
