using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Live;
using Aegis.Grains.Persistence;
using Aegis.Silo.Lanes;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Aegis.Grains.Tests;

/// <summary>Silos with the production live-lane registration (no demo) on a fresh, migrated database.</summary>
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

    /// <param name="home">The silos' home (the replay's sample day is under its <c>market</c> folder); the temporary folder by default.</param>
    public static async Task<LiveLaneCluster> StartAsync(PostgresServerFixture postgres, string name, short silos = 1, string? home = null,
        StrategyCatalog? strategies = null, Action<LiveLaneOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync(name);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = "grains-" + name + "-" + Guid.NewGuid().ToString("N");
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAegisPersistence(connectionString);
            if (strategies is not null)
            {
                silo.Services.AddSingleton(strategies);
            }

            if (options is not null)
            {
                silo.Services.Configure(options);
            }

            services?.Invoke(silo.Services);
            silo.AddLiveLane(new SiloHostOptions { Lane = Lane.Live, Demo = false, Home = home ?? Path.GetTempPath() });
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

    /// <summary>A scenario's journaled decisions (their JSON), in order.</summary>
    public async Task<List<string>> ReadDecisionsAsync(string scenarioId)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT decision::text FROM decision_journal WHERE scenario_id = $1 ORDER BY decision_sequence");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        await using var reader = await command.ExecuteReaderAsync();
        var decisions = new List<string>();
        while (await reader.ReadAsync())
        {
            decisions.Add(reader.GetString(0));
        }

        return decisions;
    }

    /// <summary>The silo an activation of <paramref name="grain"/> lives on, or null if it has none.</summary>
    public async Task<InProcessSiloHandle?> SiloOfAsync(IAddressable grain)
    {
        var grainId = grain.GetGrainId();
        var statistics = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var address = statistics.FirstOrDefault(s => s.GrainId == grainId)?.SiloAddress;
        return Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(address));
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
