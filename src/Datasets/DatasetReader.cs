using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using System.Text.Json;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets;

/// <summary>Reads published datasets: the manifest, then partitions, each checked against the manifest's size and SHA-256.</summary>
public sealed class DatasetReader(IObjectStore store)
{
    /// <exception cref="DatasetNotFoundException">No manifest: the dataset does not exist (or was never completed).</exception>
    public async Task<DatasetManifest> ReadManifestAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = DatasetKeys.Manifest(name);
        byte[] bytes;
        try
        {
            bytes = await store.GetAsync(key, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            throw new DatasetNotFoundException($"dataset '{name}' does not exist (no manifest at {store.Describe(key)})");
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<DatasetManifest>(bytes, DatasetJson.Options)
                ?? throw new PartitionFormatException($"{store.Describe(key)}: empty manifest");
            return manifest.FormatVersion == DatasetManifest.CurrentFormat
                ? manifest
                : throw new PartitionFormatException($"{store.Describe(key)}: manifest format {manifest.FormatVersion}, this build reads {DatasetManifest.CurrentFormat}");
        }
        catch (JsonException ex)
        {
            throw new PartitionFormatException($"{store.Describe(key)}: not a dataset manifest: {ex.Message}", ex);
        }
    }

    /// <exception cref="PartitionFormatException">The partition is missing, does not match its manifest entry, or cannot be decoded.</exception>
    public async Task<QuoteColumns> ReadQuotesAsync(DatasetPartition partition, CancellationToken cancellationToken = default)
    {
        var (bytes, location) = await ReadCheckedAsync(partition, cancellationToken);
        var columns = await QuotePartitionCodec.DecodeAsync(partition.Symbol ?? throw new PartitionFormatException($"partition {partition.Key} names no symbol"),
            bytes, location, cancellationToken);
        return columns.Count == partition.Rows
            ? columns
            : throw new PartitionFormatException($"partition {partition.Key} has {columns.Count} rows, the manifest says {partition.Rows}");
    }

    /// <exception cref="PartitionFormatException">The partition is missing, does not match its manifest entry, or cannot be decoded.</exception>
    public async Task<IReadOnlyList<ScenarioInput>> ReadInputsAsync(DatasetPartition partition, CancellationToken cancellationToken = default)
    {
        var (bytes, location) = await ReadCheckedAsync(partition, cancellationToken);
        var inputs = await InputPartitionCodec.DecodeAsync(bytes, location, cancellationToken);
        return inputs.Count == partition.Rows
            ? inputs
            : throw new PartitionFormatException($"partition {partition.Key} has {inputs.Count} rows, the manifest says {partition.Rows}");
    }

    /// <exception cref="PartitionFormatException">The partition is missing, does not match its manifest entry, or cannot be decoded.</exception>
    public async Task<IReadOnlyList<OhlcBar>> ReadBarsAsync(DatasetPartition partition, CancellationToken cancellationToken = default)
    {
        var (bytes, location) = await ReadCheckedAsync(partition, cancellationToken);
        return await BarPartitionCodec.DecodeAsync(bytes, location, cancellationToken);
    }

    /// <exception cref="PartitionFormatException">The partition is missing, does not match its manifest entry, or cannot be decoded.</exception>
    public async Task<IReadOnlyList<OptionStrike>> ReadOptionsAsync(DatasetPartition partition, CancellationToken cancellationToken = default)
    {
        var (bytes, location) = await ReadCheckedAsync(partition, cancellationToken);
        return await OptionChainCodec.DecodeAsync(bytes, location, cancellationToken);
    }

    /// <summary>
    /// What a backtest reads of a partition: its quotes, or its bars as quotes (<see cref="BarPartitionCodec.ToQuotes"/>);
    /// null for kinds with no quotes (input logs, option chains).
    /// </summary>
    public async Task<QuoteColumns?> ReadMarketAsync(DatasetPartition partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.Kind switch
        {
            DatasetManifest.QuotesKind => await ReadQuotesAsync(partition, cancellationToken),
            BarPartitionCodec.Kind => BarPartitionCodec.ToQuotes(partition.Symbol ?? throw new PartitionFormatException($"partition {partition.Key} names no symbol"),
                await ReadBarsAsync(partition, cancellationToken)),
            _ => null,
        };
    }

    /// <summary>
    /// One recorded scenario of a dataset recorded from the live lane: its spec, its whole input log in order, and the
    /// quotes of every stream the log names (every quote partition of those instruments).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset did not record that scenario.</exception>
    /// <exception cref="PartitionFormatException">A partition is missing or damaged, or the log has a gap or a repeat.</exception>
    public async Task<(RecordedScenarioLog Log, QuoteHistory Quotes)> ReadRecordedAsync(DatasetManifest manifest, string scenarioId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var recorded = manifest.Scenarios?.FirstOrDefault(s => s.ScenarioId == scenarioId)
            ?? throw new ArgumentException(manifest.Scenarios is { Count: > 0 } known
                ? $"dataset '{manifest.Name}' recorded no scenario '{scenarioId}' (it recorded {string.Join(", ", known.Select(s => s.ScenarioId))})"
                : $"dataset '{manifest.Name}' was not recorded from the live lane: it has quotes only, no scenario's input log");
        var inputs = new List<ScenarioInput>();
        foreach (var partition in manifest.Partitions.Where(p => p.Kind == DatasetManifest.InputsKind && p.ScenarioId == scenarioId))
        {
            inputs.AddRange(await ReadInputsAsync(partition, cancellationToken));
        }

        inputs.Sort(static (a, b) => a.InputSequence.CompareTo(b.InputSequence));
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].InputSequence != i + 1)
            {
                throw new PartitionFormatException($"dataset '{manifest.Name}': the input log of {scenarioId} has input {inputs[i].InputSequence} where input {i + 1} belongs");
            }
        }

        if (inputs.Count != recorded.LastInput)
        {
            throw new PartitionFormatException($"dataset '{manifest.Name}': the manifest records {recorded.LastInput} inputs of {scenarioId}, its partitions hold {inputs.Count}");
        }

        var instruments = inputs.Where(i => i.Kind == InputKind.Quotes).Select(i => i.InstrumentId).ToHashSet(StringComparer.Ordinal);
        var quotes = new QuoteHistory();
        foreach (var partition in manifest.Partitions.Where(p => p.Kind == DatasetManifest.QuotesKind && p.Symbol is { } s && instruments.Contains(s)))
        {
            var columns = await ReadQuotesAsync(partition, cancellationToken);
            foreach (var stream in Enumerable.Range(0, columns.Count).Select(i => columns[i]).GroupBy(q => q.Source, StringComparer.Ordinal))
            {
                quotes.Add(stream.Key, columns.InstrumentId, stream);
            }
        }

        return (new RecordedScenarioLog(scenarioId, recorded.SpecText, inputs), quotes);
    }

    private async Task<(byte[] Bytes, string Location)> ReadCheckedAsync(DatasetPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var location = store.Describe(partition.Key);
        byte[] bytes;
        try
        {
            bytes = await store.GetAsync(partition.Key, cancellationToken);
        }
        catch (ObjectNotFoundException)
        {
            throw new PartitionFormatException($"partition {partition.Key} is missing: {location} does not exist");
        }

        var sha = DatasetWriter.Sha256(bytes);
        return bytes.Length == partition.Bytes && sha == partition.Sha256
            ? (bytes, location)
            : throw new PartitionFormatException(
                $"partition {partition.Key} is corrupt: {bytes.Length} bytes with SHA-256 {sha}, the manifest says {partition.Bytes} bytes with {partition.Sha256}");
    }
}
