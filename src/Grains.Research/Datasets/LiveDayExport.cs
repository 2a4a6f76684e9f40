using Aegis.Datasets;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Storage;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Grains.Persistence;
using Npgsql;

namespace Aegis.Grains.Research.Datasets;

/// <summary>
/// Records live scenarios as a dataset, from the live lane's read-only contracts: the spec each was created from
/// (<c>scenario_specs</c>), its input log (<c>scenario_inputs</c>) and the tape quotes the log names. Quotes reach
/// the tape before the inputs that name them are logged (tape first), so every input read has its quotes; an input
/// whose quotes are not all there fails the import rather than writing a dataset that cannot be replayed.
/// </summary>
public sealed class LiveDayExport(NpgsqlDataSource dataSource, InstrumentCatalog instruments, IObjectStore store, TimeProvider clock)
{
    /// <exception cref="ArgumentException">A scenario the live lane never created.</exception>
    /// <exception cref="InputLogException">An input's quotes are not all in the tape.</exception>
    public async Task<DatasetManifest> ExportAsync(string name, IReadOnlyList<string> scenarioIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarioIds);
        DatasetKeys.Checked(name, "dataset name");
        var specs = new ScenarioSpecs(dataSource);
        var known = await specs.ReadIdsAsync(cancellationToken);
        var chosen = scenarioIds.Count > 0 ? scenarioIds.Distinct(StringComparer.Ordinal).ToList() : known.ToList();
        if (chosen.FirstOrDefault(id => !known.Contains(id, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"the live lane has no scenario '{unknown}' (it has {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }

        if (chosen.Count == 0)
        {
            throw new ArgumentException("the live lane has no scenario to record");
        }

        var journal = new DecisionJournal(dataSource, instruments);
        var logs = new List<RecordedScenarioLog>();
        foreach (var id in chosen)
        {
            var spec = await specs.ReadAsync(id, cancellationToken) ?? throw new ArgumentException($"the live lane has no spec recorded for '{id}'");
            logs.Add(new RecordedScenarioLog(id, spec, await journal.ReadInputsAsync(id, 0, cancellationToken: cancellationToken)));
        }

        var tape = await new TapeReader(dataSource).ReadAsync(logs.SelectMany(l => l.Inputs), cancellationToken);
        foreach (var input in logs.SelectMany(l => l.Inputs).Where(i => i.Kind == InputKind.Quotes))
        {
            _ = tape.GetQuotes(input);
        }

        var partitions = tape.Streams
            .SelectMany(s => s.Quotes)
            .GroupBy(q => (Date: DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(q.ExchangeTimeUnixNs / 1_000_000).UtcDateTime), q.InstrumentId))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.InstrumentId, StringComparer.Ordinal)
            .Select(g => (g.Key.Date, QuoteColumns.From(g.Key.InstrumentId, g)))
            .ToList();
        var source = $"live lane: {string.Join(", ", logs.Select(l => $"{l.ScenarioId} through input {l.Inputs.Count}"))}";
        return await new DatasetWriter(store, clock).WriteAsync(name, source, partitions, logs, cancellationToken);
    }
}
