using Aegis.Domain.Quotes;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets.Tests;

public sealed class DatasetTests(MotoFixture moto)
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public async Task A_dataset_written_to_s3_reads_back_partition_by_partition_with_its_manifest()
    {
        using var store = await moto.NewBucketAsync();
        var partitions = new[] { SampleQuotes.For("AAPL", 2_000, 1), SampleQuotes.For("MSFT", 1_500, 2) };

        var written = await new DatasetWriter(store).WriteQuotesAsync("day-1", "test", partitions.Select(p => (Day, p)));

        var reader = new DatasetReader(store);
        var manifest = await reader.ReadManifestAsync("day-1");
        Assert.Equal(written.Partitions, manifest.Partitions);
        Assert.Equal(3_500, manifest.Rows);
        Assert.Equal("datasets/day-1/date=2026-03-02/symbol=AAPL/part-0.parquet", manifest.Partitions[0].Key);
        Assert.Equal(["exchange_time_unix_ns", "source", "sequence", "bid", "ask", "bid_size", "ask_size"], manifest.Schemas["quotes"].Select(c => c.Name));
        for (var p = 0; p < partitions.Length; p++)
        {
            var entry = manifest.Partitions[p];
            Assert.Equal(DatasetWriter.Sha256(await store.GetAsync(entry.Key)), entry.Sha256);
            var columns = await reader.ReadQuotesAsync(entry);
            Assert.Equal(Enumerable.Range(0, partitions[p].Count).Select(i => partitions[p][i]), Enumerable.Range(0, columns.Count).Select(i => columns[i]));
            Assert.Equal(partitions[p].ExchangeTimesUnixNs[0], entry.FirstExchangeTimeUnixNs);
        }
    }

    [Fact]
    public async Task A_corrupt_or_missing_partition_is_an_error_naming_it()
    {
        using var store = await moto.NewBucketAsync();
        var manifest = await new DatasetWriter(store).WriteQuotesAsync("day-2", "test",
            [(Day, SampleQuotes.For("AAPL", 100, 3)), (Day, SampleQuotes.For("SPY", 100, 4))]);
        var reader = new DatasetReader(store);

        var bytes = await store.GetAsync(manifest.Partitions[0].Key);
        bytes[bytes.Length / 2] ^= 0xFF;
        await store.PutAsync(manifest.Partitions[0].Key, bytes);
        var corrupt = await Assert.ThrowsAsync<PartitionFormatException>(() => reader.ReadQuotesAsync(manifest.Partitions[0]));
        Assert.StartsWith($"partition {manifest.Partitions[0].Key} is corrupt", corrupt.Message, StringComparison.Ordinal);

        await store.DeleteAsync(manifest.Partitions[1].Key);
        var missing = await Assert.ThrowsAsync<PartitionFormatException>(() => reader.ReadQuotesAsync(manifest.Partitions[1]));
        Assert.StartsWith($"partition {manifest.Partitions[1].Key} is missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_fails_part_way_leaves_nothing_behind_and_a_published_name_is_not_overwritten()
    {
        using var s3 = await moto.NewBucketAsync();
        var failing = new FailingStore(s3, failOnPut: 3);
        var partitions = new[] { "A", "B", "C", "D" }.Select((s, i) => (Day, SampleQuotes.For(s, 50, i)));

        await Assert.ThrowsAsync<IOException>(() => new DatasetWriter(failing).WriteQuotesAsync("broken", "test", partitions));

        Assert.Empty(await s3.ListAsync("datasets/"));
        await Assert.ThrowsAsync<DatasetNotFoundException>(() => new DatasetReader(s3).ReadManifestAsync("broken"));

        await new DatasetWriter(s3).WriteQuotesAsync("kept", "test", [(Day, SampleQuotes.For("A", 10, 9))]);
        var taken = await Assert.ThrowsAsync<DatasetExistsException>(() => new DatasetWriter(s3).WriteQuotesAsync("kept", "test", [(Day, SampleQuotes.For("B", 10, 9))]));
        Assert.Contains("already exists", taken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_directory_store_serves_the_same_dataset_and_keeps_keys_inside_its_folder()
    {
        var root = Directory.CreateTempSubdirectory("aegis-datasets-").FullName;
        try
        {
            var store = new DirectoryObjectStore(root);
            await new DatasetWriter(store).WriteQuotesAsync("local", "test", [(Day, SampleQuotes.For("QQQ", 300, 5))]);

            var reader = new DatasetReader(store);
            var manifest = await reader.ReadManifestAsync("local");
            Assert.True(File.Exists(Path.Combine(root, "datasets", "local", "date=2026-03-02", "symbol=QQQ", "part-0.parquet")));
            Assert.Equal(300, (await reader.ReadQuotesAsync(manifest.Partitions[0])).Count);
            Assert.Equal(["datasets/local/date=2026-03-02/symbol=QQQ/part-0.parquet", "datasets/local/manifest.json"], await store.ListAsync("datasets/"));
            Assert.Throws<ArgumentException>(() => store.Describe("../outside"));
            Assert.Throws<ArgumentException>(() => DatasetKeys.Root("../up"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_price_finer_than_the_stored_scale_is_refused_rather_than_rounded()
    {
        var quote = SampleQuotes.For("AAPL", 1, 1)[0] with { Bid = 100.00001m };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => QuotePartitionCodec.EncodeAsync(QuoteColumns.From("AAPL", [quote])));
        Assert.Contains("more than 4 decimals", error.Message, StringComparison.Ordinal);
    }

    private sealed class FailingStore(IObjectStore inner, int failOnPut) : IObjectStore
    {
        private int _puts;

        public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
        {
            if (++_puts == failOnPut)
            {
                throw new IOException("disk full (injected)");
            }

            await inner.PutAsync(key, bytes, cancellationToken);
        }

        public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public string Describe(string key) => inner.Describe(key);
    }
}
