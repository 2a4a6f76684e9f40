using Aegis.Domain.Quotes;
using System.Security.Cryptography;
using System.Text.Json;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets;

/// <summary>
/// Publishes a quote dataset: every partition first, then the manifest, which is what makes the dataset exist. A
/// write that fails part way deletes the partitions it wrote, and without a manifest nothing of it is ever read.
/// </summary>
public sealed class DatasetWriter(IObjectStore store, TimeProvider? clock = null)
{
    public async Task<DatasetManifest> WriteQuotesAsync(string name, string source, IEnumerable<(DateOnly Date, QuoteColumns Columns)> partitions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
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
                written.Add(key);
                await store.PutAsync(key, bytes, cancellationToken);
                entries.Add(new DatasetPartition("quotes", date, columns.InstrumentId, null, key, columns.Count, bytes.Length, Sha256(bytes),
                    columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[0], columns.Count == 0 ? 0 : columns.ExchangeTimesUnixNs[^1]));
            }

            var schema = QuotePartitionCodec.Schema.DataFields.Select(f => new DatasetColumn(f.Name, f.ClrType.Name)).ToList();
            var manifest = new DatasetManifest(DatasetManifest.CurrentFormat, name, source, (clock ?? TimeProvider.System).GetUtcNow(),
                new Dictionary<string, IReadOnlyList<DatasetColumn>> { ["quotes"] = schema }, entries);
            await store.PutAsync(manifestKey, JsonSerializer.SerializeToUtf8Bytes(manifest, DatasetJson.Options), cancellationToken);
            return manifest;
        }
        catch
        {
            await DeleteAsync(written);
            throw;
        }
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
