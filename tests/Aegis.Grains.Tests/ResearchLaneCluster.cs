using Aegis.Datasets;
using Aegis.Datasets.Storage;
using Aegis.Domain.Quotes;
using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Aegis.Grains.Research.Hosting;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Aegis.Grains.Tests;

/// <summary>A research cluster of several in-process silos with the production registration, over a local object store.</summary>
public sealed class ResearchLaneCluster : IAsyncDisposable
{
    private ResearchLaneCluster(InProcessTestCluster cluster, string connectionString, string storeRoot)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
        StoreRoot = storeRoot;
        Store = new DirectoryObjectStore(storeRoot);
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public string ConnectionString { get; }

    public string StoreRoot { get; }

    public DirectoryObjectStore Store { get; }

    /// <param name="connectionString">The database to use (a live cluster's, to read its contracts); a new one named <paramref name="name"/> by default.</param>
    public static async Task<ResearchLaneCluster> StartAsync(PostgresServerFixture postgres, string name, short silos, StrategyCatalog? strategies = null,
        Action<ResearchLaneOptions>? options = null, string? connectionString = null)
    {
        connectionString ??= await postgres.CreateMigratedDatabaseAsync(name);
        var storeRoot = Directory.CreateTempSubdirectory("aegis-research-").FullName;
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "aegis-research-" + name + "-" + Guid.NewGuid().ToString("N");
        builder.Options.ClusterId = builder.Options.ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAegisPersistence(connectionString);
            if (strategies is not null)
            {
                silo.Services.AddSingleton(strategies);
            }

            silo.Services.Configure<ResearchLaneOptions>(o =>
            {
                o.Directory = storeRoot;
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
                options?.Invoke(o);
            });
            silo.AddResearchLane(new SiloHostOptions { Lane = Lane.Research, Home = storeRoot });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ResearchLaneCluster(cluster, connectionString, storeRoot);
    }

    /// <summary>Writes a dataset of one random-walk day per instrument (one quote a second from the open).</summary>
    public async Task WriteDatasetAsync(string name, int quotesPerInstrument, params string[] instruments)
    {
        var partitions = instruments.Select((id, i) => (new DateOnly(2026, 3, 2), Walk(id, quotesPerInstrument, i + 1))).ToList();
        await new DatasetWriter(Store).WriteQuotesAsync(name, "test", partitions);
    }

    public static QuoteColumns Walk(string instrumentId, int count, int seed)
    {
        var random = new Random(seed);
        var open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var mid = 500m;
        var quotes = new List<Quote>(count);
        for (var i = 0; i < count; i++)
        {
            mid = Math.Max(1m, mid + random.Next(-5, 6) / 100m);
            var time = open + i * 1_000_000_000L + random.Next(0, 1000) * 1_000;
            quotes.Add(new Quote(instrumentId, mid - 0.01m, mid + 0.01m, 100, 100, time, time, "replay", i + 1));
        }

        return QuoteColumns.From(instrumentId, quotes);
    }

    public async Task<(string State, DateTime? PublishedAt, string? Error)> JobRowAsync(string jobId)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT state, published_at, error FROM research_jobs WHERE job_id = $1");
        command.Parameters.Add(new() { Value = jobId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : ("none", null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(StoreRoot, recursive: true);
    }
}
