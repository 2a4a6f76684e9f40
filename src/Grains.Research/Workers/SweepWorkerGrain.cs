using System.Text.Json;
using Aegis.Datasets;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;
using Aegis.Domain.Instruments;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Research;
using Aegis.Grains.Research.Placement;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;
using Orleans.Runtime;

namespace Aegis.Grains.Research.Workers;

/// <summary>
/// Runs one chunk of a sweep on this silo (see <see cref="ISweepWorkerGrain"/>): the dataset from the silo's cache,
/// the trials through the backtest engine, the results staged in the object store. It keeps no state and deactivates
/// when done; a chunk run again (after a silo died mid-chunk) stages the same bytes under the same key.
/// </summary>
[SpreadPlacement]
public sealed class SweepWorkerGrain(
    DatasetCache datasets,
    IObjectStore store,
    StrategyCatalog strategies,
    InstrumentCatalog instruments,
    ILocalSiloDetails silo) : Grain, ISweepWorkerGrain
{
    public static string StagedKey(string jobId, int index) => $"staging/job={jobId}/chunk-{index:D5}.json";

    public async Task<ChunkOutcome> Run(SweepChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var here = silo.SiloAddress.ToParsableString();
        DeactivateOnIdle();
        try
        {
            var day = await datasets.GetAsync(chunk.Dataset);
            var read = ScenarioSpecReader.Read(chunk.ScenarioSpec, strategies);
            if (read.Spec is not { } spec)
            {
                return Failed(chunk, here, $"the scenario spec does not build: {string.Join("; ", read.Errors)}");
            }

            var trials = chunk.Trials.Select(t => ParameterGrid.Trial(spec, t.Index, t.Parameters)).ToList();
            if (chunk.Fold is { } fold)
            {
                return await RunFoldAsync(chunk, fold, day.Merged(spec.Instruments), trials, here);
            }

            var results = Sweep.Run(day, trials, strategies, instruments.Find);
            var staged = results.Select((r, i) => new StagedTrial(chunk.Trials[i].Index, r.ScenarioId, r.Parameters, trials[i].StartingCash, r.Summary,
                r.Equity, r.Trades, r.FinalStatus.ToString().ToLowerInvariant(), r.HaltReason)).ToList();
            var key = StagedKey(chunk.JobId, chunk.Index);
            await store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(staged, ResearchJson.Options));
            return new ChunkOutcome(chunk.Index, key, here, results.Sum(r => r.QuotesProcessed), null, false);
        }
        catch (ObjectStoreUnavailableException ex)
        {
            return new ChunkOutcome(chunk.Index, null, here, 0, ex.Message, Retryable: true);
        }
        catch (Exception ex) when (ex is DatasetNotFoundException or PartitionFormatException or ArgumentException)
        {
            return Failed(chunk, here, ex.Message);
        }
    }

    // A walk-forward fold: every trial over the training window, the best one over the test window; staged as one result.
    private async Task<ChunkOutcome> RunFoldAsync(SweepChunk chunk, FoldWindow fold, Aegis.Domain.Quotes.Quote[] quotes, IReadOnlyList<ScenarioSpec> trials, string here)
    {
        var window = new WalkForwardWindow(fold.Fold, fold.TrainStartUnixNs, fold.TrainEndUnixNs, fold.TestStartUnixNs, fold.TestEndUnixNs);
        var result = WalkForwardAnalysis.RunFold(quotes, window, trials, strategies, instruments.Find);
        var key = StagedKey(chunk.JobId, chunk.Index);
        await store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(result, ResearchJson.Options));
        var train = WalkForwardAnalysis.Slice(quotes, fold.TrainStartUnixNs, fold.TrainEndUnixNs).Length;
        var test = WalkForwardAnalysis.Slice(quotes, fold.TestStartUnixNs, fold.TestEndUnixNs).Length;
        return new ChunkOutcome(chunk.Index, key, here, ((long)train * trials.Count) + test, null, false);
    }

    private static ChunkOutcome Failed(SweepChunk chunk, string silo, string error) => new(chunk.Index, null, silo, 0, error, false);
}
