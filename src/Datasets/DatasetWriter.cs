using System.Security.Cryptography;
using System.Text.Json;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;

namespace Aegis.Datasets;

/// <summary>
/// Publishes a dataset: every partition first, then the manifest, which is what makes the dataset exist. A write
/// that fails part way deletes the partitions it wrote, and without a manifest nothing of it is ever read.
/// </summary>
public sealed class DatasetWriter(IObjectStore store, TimeProvider? clock = null)
{
    public Task<DatasetManifest> WriteQuotesAsync(string name, string source, IEnumerable<(DateOnly Date, QuoteColumns Columns)> partitions,
        CancellationToken cancellationToken = default) =>
        WriteAsync(name, source, partitions, [], cancellationToken);

    /// <summary>
    /// Publishes quote partitions and, for a day recorded from the live lane, each scenario's spec and input log. A
    /// scenario's inputs are split by the UTC date of their event time, one partition per date.
    /// </summary>
    public async Task<DatasetManifest> WriteAsync(string name, string source, IEnumerable<(DateOnly Date, QuoteColumns Columns)> partitions,
        IReadOnlyList<RecordedScenarioLog> scenarios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(scenarios);
        var manifestKey = DatasetKeys.Manifest(name);
        if (await store.ExistsAsync(manifestKey, cancellationToken))
        {
            throw new DatasetExistsException($"dataset '{name}' already exists at {store.Describe(manifestKey)}; datasets are immutable, choose another name");
        }

        var written = new List<string>();
        try
        {
            var entries = new List<DatasetPartition>();
            foreach (var (date, columns) in partitions)
            {
                var key = DatasetKeys.Quotes(name, date, columns.InstrumentId);
                if (written.Contains(key, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"two partitions for {columns.InstrumentId} on {DatasetKeys.Day(date)}");
                }

                var bytes = await QuotePartitionCodec.EncodeAsync(columns, cancellationToken);
                await PutAsync(key, bytes);
                entries.Add(new DatasetPartition(DatasetManifest.QuotesKind, date, columns.InstrumentId, null, key, columns.Count, bytes.Length, Sha256(bytes),
                    columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[0], columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[^1]));
            }

            var recorded = new List<RecordedScenario>();
            foreach (var scenario in scenarios)
            {
                var dates = InputDates(scenario.Inputs);
                foreach (var day in scenario.Inputs.Select((input, i) => (input, i)).GroupBy(x => dates[x.i], x => x.input))
                {
                    var inputs = day.ToList();
                    var key = DatasetKeys.Inputs(name, day.Key, scenario.ScenarioId);
                    var bytes = await InputPartitionCodec.EncodeAsync(inputs, cancellationToken);
                    await PutAsync(key, bytes);
                    entries.Add(new DatasetPartition(DatasetManifest.InputsKind, day.Key, null, scenario.ScenarioId, key, inputs.Count, bytes.Length, Sha256(bytes),
                        inputs.Min(i => i.EventTimeUnixNs), inputs.Max(i => i.EventTimeUnixNs)));
                }

                recorded.Add(new RecordedScenario(scenario.ScenarioId, scenario.SpecText, scenario.Inputs.Count == 0 ? 0 : scenario.Inputs[^1].InputSequence));
            }

            var schemas = new Dictionary<string, IReadOnlyList<DatasetColumn>> { [DatasetManifest.QuotesKind] = Columns(QuotePartitionCodec.Schema) };
            if (recorded.Count > 0)
            {
                schemas[DatasetManifest.InputsKind] = Columns(InputPartitionCodec.Schema);
            }

            var manifest = new DatasetManifest(DatasetManifest.CurrentFormat, name, source, (clock ?? TimeProvider.System).GetUtcNow(), schemas, entries,
                recorded.Count > 0 ? recorded : null);
            await store.PutAsync(manifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, DatasetJson.Options), cancellationToken);
            return manifest;
        }
        catch
        {
            await DeleteAsync(written);
            throw;
        }

        async Task PutAsync(string key, byte[] bytes)
        {
            written.Add(key);
            await store.PutAsync(key, bytes, cancellationToken);
        }
    }

    // Each input's partition date: the UTC date of its market time. Commands carry the wall-clock time they were given
    // at, so they go with the market input before them (or, at the start of a log, the one after).
    private static DateOnly[] InputDates(IReadOnlyList<ScenarioInput> inputs)
    {
        var dates = new DateOnly[inputs.Count];
        DateOnly? last = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Kind != InputKind.Command)
            {
                last = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(inputs[i].EventTimeUnixNs / 1_000_000).UtcDateTime);
            }

            dates[i] = last ?? default;
        }

        var first = Array.FindIndex(dates, d => d != default);
        for (var i = 0; i < first; i++)
        {
            dates[i] = dates[first];
        }

        if (first < 0)
        {
            Array.Fill(dates, DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(inputs.Count == 0 ? 0 : inputs[0].EventTimeUnixNs / 1_000_000).UtcDateTime));
        }

        return dates;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static List<DatasetColumn> Columns(Parquet.Schema.ParquetSchema schema) =>
        schema.DataFields.Select(f => new DatasetColumn(f.Name, f.ClrType.Name)).ToList();

    // Best effort: the manifest was never written, so what is left over is invisible; the original error is what matters.
    private async Task DeleteAsync(List<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (ObjectStoreUnavailableException)
            {
                return;
            }
        }
    }
}
