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
    /// scenario's inputs are split by the UTC date of their market time, one partition per date.
    /// </summary>
    public async Task<DatasetManifest> WriteAsync(string name, string source, IEnumerable<(DateOnly Date, QuoteColumns Columns)> partitions,
        IReadOnlyList<RecordedScenarioLog> scenarios, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(scenarios);
        var encoded = new List<EncodedPartition>();
        foreach (var (date, columns) in partitions)
        {
            encoded.Add(new EncodedPartition(DatasetManifest.QuotesKind, date, columns.InstrumentId, null, DatasetKeys.Quotes(name, date, columns.InstrumentId),
                await QuotePartitionCodec.EncodeAsync(columns, cancellationToken), columns.Count,
                columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[0], columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[^1]));
        }

        var recorded = new List<RecordedScenario>();
        foreach (var scenario in scenarios)
        {
            var dates = InputDates(scenario.Inputs);
            foreach (var day in scenario.Inputs.Select((input, i) => (input, i)).GroupBy(x => dates[x.i], x => x.input))
            {
                var inputs = day.ToList();
                encoded.Add(new EncodedPartition(DatasetManifest.InputsKind, day.Key, null, scenario.ScenarioId, DatasetKeys.Inputs(name, day.Key, scenario.ScenarioId),
                    await InputPartitionCodec.EncodeAsync(inputs, cancellationToken), inputs.Count, inputs.Min(i => i.EventTimeUnixNs), inputs.Max(i => i.EventTimeUnixNs)));
            }

            recorded.Add(new RecordedScenario(scenario.ScenarioId, scenario.SpecText, scenario.Inputs.Count == 0 ? 0 : scenario.Inputs[^1].InputSequence));
        }

        var schemas = new Dictionary<string, IReadOnlyList<DatasetColumn>> { [DatasetManifest.QuotesKind] = Columns(QuotePartitionCodec.Schema) };
        if (recorded.Count > 0)
        {
            schemas[DatasetManifest.InputsKind] = Columns(InputPartitionCodec.Schema);
        }

        return await WriteEncodedAsync(name, source, encoded, schemas, recorded.Count > 0 ? recorded : null, cancellationToken);
    }

    /// <summary>
    /// Publishes partitions already encoded (any kind, with its schema in <paramref name="schemas"/>): each one, then the
    /// manifest. Nothing of a write that fails part way stays.
    /// </summary>
    /// <exception cref="DatasetExistsException">A dataset of that name exists.</exception>
    public async Task<DatasetManifest> WriteEncodedAsync(string name, string source, IReadOnlyList<EncodedPartition> partitions,
        IReadOnlyDictionary<string, IReadOnlyList<DatasetColumn>> schemas, IReadOnlyList<RecordedScenario>? scenarios = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(schemas);
        var manifestKey = DatasetKeys.Manifest(name);
        if (await store.ExistsAsync(manifestKey, cancellationToken))
        {
            throw new DatasetExistsException($"dataset '{name}' already exists at {store.Describe(manifestKey)}; datasets are immutable, choose another name");
        }

        if (partitions.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"two partitions at {twice.Key}");
        }

        var written = new List<string>();
        try
        {
            var entries = new List<DatasetPartition>();
            foreach (var partition in partitions)
            {
                written.Add(partition.Key);
                await store.PutAsync(partition.Key, partition.Bytes, cancellationToken);
                entries.Add(new DatasetPartition(partition.Kind, partition.Date, partition.Symbol, partition.ScenarioId, partition.Key, partition.Rows,
                    partition.Bytes.Length, Sha256(partition.Bytes), partition.FirstTimeUnixNs, partition.LastTimeUnixNs));
            }

            var manifest = new DatasetManifest(DatasetManifest.CurrentFormat, name, source, (clock ?? TimeProvider.System).GetUtcNow(), schemas, entries, scenarios);
            await store.PutAsync(manifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, DatasetJson.Options), cancellationToken);
            return manifest;
        }
        catch
        {
            await DeleteAsync(written);
            throw;
        }
    }

    public static List<DatasetColumn> Columns(Parquet.Schema.ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.DataFields.Select(f => new DatasetColumn(f.Name, f.ClrType.Name)).ToList();
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
