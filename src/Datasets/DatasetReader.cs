using Aegis.Domain.Quotes;
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
        if (bytes.Length != partition.Bytes || sha != partition.Sha256)
        {
            throw new PartitionFormatException(
                $"partition {partition.Key} is corrupt: {bytes.Length} bytes with SHA-256 {sha}, the manifest says {partition.Bytes} bytes with {partition.Sha256}");
        }

        var columns = await QuotePartitionCodec.DecodeAsync(partition.Symbol ?? throw new PartitionFormatException($"partition {partition.Key} names no symbol"),
            bytes, location, cancellationToken);
        return columns.Count == partition.Rows
            ? columns
            : throw new PartitionFormatException($"partition {partition.Key} has {columns.Count} rows, the manifest says {partition.Rows}");
    }
}
