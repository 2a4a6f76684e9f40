using Aegis.Datasets.Storage;
using Aegis.Testing;

[assembly: AssemblyFixture(typeof(Aegis.Datasets.Tests.MotoFixture))]

namespace Aegis.Datasets.Tests;

/// <summary>One moto_server for the assembly; each test takes a bucket of its own.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public string ServiceUrl => _server?.ServiceUrl ?? throw new InvalidOperationException("moto_server has not started");

    public async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async Task<S3ObjectStore> NewBucketAsync(string prefix = "")
    {
        var store = new S3ObjectStore(new S3StoreOptions
        {
            Bucket = "aegis-" + Guid.NewGuid().ToString("N")[..12],
            Prefix = prefix,
            ServiceUrl = ServiceUrl,
            ForcePathStyle = true,
            AccessKey = "test",
            SecretKey = "test",
            ChecksumsWhenRequired = true,
        });
        await store.EnsureBucketAsync();
        return store;
    }
}
