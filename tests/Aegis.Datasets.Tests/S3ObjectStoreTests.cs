using Aegis.Datasets.Storage;
using Aegis.Persistence.Embedded;

namespace Aegis.Datasets.Tests;

public sealed class S3ObjectStoreTests(MotoFixture moto)
{
    [Theory]
    [InlineData(1)]
    [InlineData(8_191)]
    [InlineData(3_000_017)]
    public async Task An_upload_comes_back_byte_for_byte(int size)
    {
        using var store = await moto.NewBucketAsync("aegis/");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);

        await store.PutAsync("results/job=1/summary.bin", bytes);
        var back = await store.GetAsync("results/job=1/summary.bin");

        Assert.Equal(bytes.Length, back.Length);
        Assert.True(bytes.AsSpan().SequenceEqual(back), "the bytes read back differ from the bytes written");
    }

    [Fact]
    public async Task Keys_list_in_order_under_a_prefix_and_a_deleted_or_missing_key_is_not_found()
    {
        using var store = await moto.NewBucketAsync();
        foreach (var key in new[] { "datasets/b/x", "datasets/a/y", "results/z" })
        {
            await store.PutAsync(key, new byte[] { 1 });
        }

        Assert.Equal(new[] { "datasets/a/y", "datasets/b/x" }, await store.ListAsync("datasets/"));
        Assert.True(await store.ExistsAsync("results/z"));
        await store.DeleteAsync("results/z");
        Assert.False(await store.ExistsAsync("results/z"));
        var missing = await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.GetAsync("results/z"));
        Assert.EndsWith("/results/z", missing.Location, StringComparison.Ordinal);
        Assert.StartsWith("s3://aegis-", missing.Location, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unreachable_endpoint_is_a_clear_error_after_retries_not_a_hang()
    {
        var port = LocalPostgres.FindFreePort(); // nothing listens there
        using var store = new S3ObjectStore(new S3StoreOptions
        {
            Bucket = "nowhere",
            ServiceUrl = $"http://127.0.0.1:{port}",
            ForcePathStyle = true,
            AccessKey = "test",
            SecretKey = "test",
            MaxRetries = 2,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });

        var error = await Assert.ThrowsAsync<ObjectStoreUnavailableException>(() => store.GetAsync("datasets/x/manifest.json"));

        Assert.Contains($"http://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Contains("s3://nowhere/datasets/x/manifest.json", error.Message, StringComparison.Ordinal);
    }
}
