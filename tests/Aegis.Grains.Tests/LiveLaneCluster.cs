using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Aegis.Silo.Configuration;
using Aegis.Silo.Lanes;
using Aegis.Silo.Lanes.Live;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Aegis.Grains.Tests;

/// <summary>One silo with the production live-lane registration (no demo) on a fresh, migrated database.</summary>
public sealed class LiveLaneCluster : IAsyncDisposable
{
    private LiveLaneCluster(InProcessTestCluster cluster, string connectionString)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
    }

    public InProcessTestCluster Cluster { get; }

    public string ConnectionString { get; }

    public IClusterClient Client => Cluster.Client;

    public QuoteTapeWriter Tape => Cluster.GetSiloServiceProvider().GetRequiredService<QuoteTapeWriter>();

    public static async Task<LiveLaneCluster> StartAsync(PostgresServerFixture postgres, string name)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(name);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "grains-" + name + "-" + Guid.NewGuid().ToString("N");
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAegisPersistence(connectionString);
            silo.AddLiveLane(new SiloHostOptions { Lane = Lane.Live, Demo = false, Home = Path.GetTempPath() });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LiveLaneCluster(cluster, connectionString);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
