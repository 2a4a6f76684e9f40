using System.Text.Json;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;
using Aegis.Grains.Research.Workers;
using Aegis.Research.Overfitting;
using Aegis.Research.Statistics;
using Aegis.Grains.Interfaces.Research;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Grains.Research.Jobs;

/// <summary>
/// Turns a finished job's staged chunks into its results under <c>results/job=ID/</c>: <c>trades.parquet</c>,
/// <c>equity.parquet</c>, then <c>summary.json</c>, which is written last and marks the result complete; then the
/// job's row in PostgreSQL; then the staging objects go. A job that never finishes leaves nothing under
/// <c>results/</c>; one interrupted while publishing publishes again from its staged chunks.
/// </summary>
public sealed class ResultPublisher(IObjectStore store, JobIndex index, Aegis.Domain.Instruments.InstrumentCatalog instruments, TimeProvider clock)
{
    public static string Prefix(string jobId) => $"results/job={jobId}/";

    public static string SummaryKey(string jobId) => Prefix(jobId) + "summary.json";

    public async Task<string> PublishAsync(string jobId, ResearchJobState job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Spec!.WalkForward is { } walk)
        {
            return await PublishWalkForwardAsync(jobId, job, walk, cancellationToken);
        }

        var trials = new List<StagedTrial>();
        foreach (var chunk in job.Chunks.OrderBy(c => c.Index))
        {
            var bytes = await store.GetAsync(chunk.StagedKey ?? throw new InvalidOperationException($"chunk {chunk.Index} is done but staged nothing"), cancellationToken);
            trials.AddRange(JsonSerializer.Deserialize<List<StagedTrial>>(bytes, ResearchJson.Options)
                ?? throw new InvalidDataException($"{store.Describe(chunk.StagedKey)} is empty"));
        }

        trials.Sort((a, b) => a.Index.CompareTo(b.Index));
        var matrix = SweepReturns.ToMatrix(trials.Select(t => new TrialCurve(t.Id, t.StartingCash, t.Equity)).ToList());
        var best = trials.OrderByDescending(t => t.Summary.Sharpe ?? double.NegativeInfinity).ThenBy(t => t.Index).First().Index;
        var columns = Enumerable.Range(0, matrix.Trials).Select(n => Enumerable.Range(0, matrix.Periods).Select(t => matrix[t, n]).ToArray()).ToList();
        var deflated = matrix.Trials >= 2 && matrix.Periods >= 2 ? SharpeRatioStatistics.DeflatedAll(columns) : null;
        var (cscv, skipped) = Overfitting(matrix, job.Spec!.CscvSplits);

        var prefix = Prefix(jobId);
        var trades = await ResultTables.TradesAsync(trials.SelectMany(t => t.Trades.Select(f => (t.Index, t.Id, f))).ToList(), cancellationToken);
        var equity = await ResultTables.EquityAsync(trials.SelectMany(t => t.Equity.Select(p => (t.Index, t.Id, p))).ToList(), cancellationToken);
        await store.PutAsync(prefix + "trades.parquet", trades, cancellationToken);
        await store.PutAsync(prefix + "equity.parquet", equity, cancellationToken);
        var summary = new SweepSummary(jobId, job.Spec.Dataset, job.BaseScenario, job.Spec.ScenarioSpec,
            trials.Select((t, n) => new TrialSummary(t.Index, t.Id, t.Parameters, t.Summary, deflated?[n], t.FinalStatus, t.HaltReason)).ToList(),
            best, deflated?[trials.FindIndex(t => t.Index == best)], cscv, skipped, clock.GetUtcNow(), ["trades.parquet", "equity.parquet", "summary.json"]);
        return await FinishAsync(jobId, job, JsonSerializer.SerializeToUtf8Bytes(summary, ResearchJson.Options), cancellationToken);
    }

    // The folds stitched: equity.parquet holds the out-of-sample curve, trades.parquet each fold's test trades (trial
    // index = fold), summary.json the folds and the out-of-sample statistics.
    private async Task<string> PublishWalkForwardAsync(string jobId, ResearchJobState job, WalkForwardSpec walk, CancellationToken cancellationToken)
    {
        var folds = new List<WalkForwardFoldResult>();
        foreach (var chunk in job.Chunks.OrderBy(c => c.Index))
        {
            var bytes = await store.GetAsync(chunk.StagedKey ?? throw new InvalidOperationException($"fold {chunk.Index} is done but staged nothing"), cancellationToken);
            folds.Add(JsonSerializer.Deserialize<WalkForwardFoldResult>(bytes, ResearchJson.Options) ?? throw new InvalidDataException($"{store.Describe(chunk.StagedKey)} is empty"));
        }

        var result = WalkForwardAnalysis.Stitch(folds, id => instruments.Find(id)?.Multiplier ?? 1m, new Aegis.Research.Backtests.BacktestOptions().PeriodsPerYear);
        var prefix = Prefix(jobId);
        var trades = await ResultTables.TradesAsync(result.Folds.SelectMany(f => f.TestTrades.Select(t => (f.Window.Fold, f.ChosenId, t))).ToList(), cancellationToken);
        var equity = await ResultTables.EquityAsync(result.OutOfSampleEquity.Select(p => (0, "out-of-sample", p)).ToList(), cancellationToken);
        await store.PutAsync(prefix + "trades.parquet", trades, cancellationToken);
        await store.PutAsync(prefix + "equity.parquet", equity, cancellationToken);
        var summary = new WalkForwardSummary(jobId, WalkForwardSummary.KindName, job.Spec!.Dataset, job.BaseScenario, job.Spec.ScenarioSpec,
            SweepPlan.Mode(walk).ToString().ToLowerInvariant(), walk.PeriodMinutes, walk.TrainPeriods, walk.TestPeriods, walk.Gap, job.Trials,
            result.Folds.Select(FoldSummary.From).ToList(), result.OutOfSample, result.Efficiency, clock.GetUtcNow(), ["trades.parquet", "equity.parquet", "summary.json"]);
        return await FinishAsync(jobId, job, JsonSerializer.SerializeToUtf8Bytes(summary, ResearchJson.Options), cancellationToken);
    }

    // summary.json last (it marks the result complete), then the index row, then the staging objects.
    private async Task<string> FinishAsync(string jobId, ResearchJobState job, byte[] summaryBytes, CancellationToken cancellationToken)
    {
        await store.PutAsync(SummaryKey(jobId), summaryBytes, cancellationToken);
        var location = store.Describe(Prefix(jobId));
        await index.PublishAsync(jobId, location, System.Text.Encoding.UTF8.GetString(summaryBytes), job.Chunks.Count, cancellationToken);
        foreach (var chunk in job.Chunks)
        {
            await store.DeleteAsync(chunk.StagedKey!, cancellationToken);
        }

        return location;
    }

    private static (CscvFigures? Figures, string? Skipped) Overfitting(ReturnMatrix matrix, int splits)
    {
        if (splits == 0)
        {
            return (null, null);
        }

        try
        {
            var result = Cscv.Analyze(matrix, splits, CscvMetric.Sharpe);
            return (new CscvFigures(splits, result.Periods, result.Pbo, result.ProbabilityOfLoss, result.DegradationSlope, result.DegradationIntercept), null);
        }
        catch (ArgumentException ex)
        {
            // Too few trials or periods for the splits asked: the sweep's results stand, without CSCV, and say why.
            return (null, ex.Message.Split(" (Parameter")[0]);
        }
    }
}
