using Aegis.Datasets;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;
using Aegis.Domain.Instruments;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Research;
using Aegis.Grains.Persistence;
using Aegis.Grains.Research.Workers;
using Aegis.Research.Backtests;
using Npgsql;

namespace Aegis.Grains.Research.Backtests;

/// <summary>
/// Runs one backtest (see <see cref="IBacktestGrain"/>) and keeps nothing. A recorded scenario is also compared,
/// decision by decision, with the live lane's journal over the same inputs: the proof that a backtest of a recorded
/// day makes the live lane's decisions.
/// </summary>
public sealed class BacktestGrain(
    DatasetReader reader,
    DatasetCache datasets,
    StrategyCatalog strategies,
    InstrumentCatalog instruments,
    NpgsqlDataSource dataSource) : Grain, IBacktestGrain
{
    // Exceptions cross to the caller without their inner exception: the caller cannot decode this lane's exception types.
    public async Task<BacktestReport> Run(BacktestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        DeactivateOnIdle();
        if (string.IsNullOrWhiteSpace(request.Dataset))
        {
            throw new ArgumentException("dataset: required");
        }

        if ((request.ScenarioSpec is null) == (request.RecordedScenarioId is null))
        {
            throw new ArgumentException("request: give either a scenario spec or a recorded scenario, not both and not neither");
        }

        try
        {
            return request.RecordedScenarioId is { } id ? await RecordedAsync(request.Dataset, id) : await OverQuotesAsync(request.Dataset, request.ScenarioSpec!);
        }
        catch (DatasetNotFoundException ex)
        {
            throw new ArgumentException(ex.Message);
        }
        catch (Exception ex) when (ex is PartitionFormatException or InputLogException)
        {
            throw new InvalidOperationException($"dataset '{request.Dataset}' cannot be backtested: {ex.Message}");
        }
        catch (Exception ex) when (ex is ObjectStoreUnavailableException or NpgsqlException)
        {
            throw new TimeoutException($"the backtest over '{request.Dataset}' could not read its data: {ex.Message}");
        }
    }

    private async Task<BacktestReport> OverQuotesAsync(string dataset, string specText)
    {
        var spec = Build(specText, "scenario spec");
        var day = await datasets.GetAsync(dataset);
        var result = BacktestEngine.Run(spec, strategies, instruments.Find, day.Prepared(spec.Instruments, spec.ExtendedHours));
        return Report(dataset, spec, result, inputs: 0, recorded: false, parity: null);
    }

    private async Task<BacktestReport> RecordedAsync(string dataset, string scenarioId)
    {
        var manifest = await reader.ReadManifestAsync(dataset);
        var (log, quotes) = await reader.ReadRecordedAsync(manifest, scenarioId);
        var spec = Build(log.SpecText, $"recorded spec of {scenarioId}");
        var result = RecordedDayBacktest.Run(spec, strategies, instruments.Find, log.Inputs, quotes, new BacktestOptions { KeepDecisions = true });

        // Parity only where the live lane has this scenario: a dataset copied from another installation has no journal here.
        ReplayReport? parity = null;
        if (await new ScenarioSpecs(dataSource).ReadAsync(scenarioId) is not null)
        {
            var journal = await new DecisionJournal(dataSource, instruments).ReadAfterAsync(scenarioId, 0, upToInput: log.Inputs.Count);
            parity = JournalComparison.Compare(result.Decisions, journal, log.Inputs.Count, result.QuotesProcessed);
        }

        return Report(dataset, spec, result, log.Inputs.Count, recorded: true, parity);
    }

    private ScenarioSpec Build(string text, string what)
    {
        var read = ScenarioSpecReader.Read(text, strategies);
        return read.Spec ?? throw new ArgumentException($"{what}: {string.Join("; ", read.Errors)}");
    }

    private static BacktestReport Report(string dataset, ScenarioSpec spec, BacktestResult result, long inputs, bool recorded, ReplayReport? parity) =>
        new(spec.Id, dataset, inputs, result.QuotesProcessed, result.DecisionCount, result.Trades.Count, spec.StartingCash,
            result.Equity.Count > 0 ? result.Equity[^1].Equity : spec.StartingCash, result.Summary.TotalReturn, result.Summary.Sharpe, result.Summary.MaxDrawdown,
            result.FinalStatus.ToString().ToLowerInvariant(), result.HaltReason, recorded,
            parity?.DecisionsCompared ?? 0, parity?.Identical, parity?.Divergence?.Journaled, parity?.Divergence?.Replayed,
            parity?.Divergence?.DecisionSequence ?? 0);
}
