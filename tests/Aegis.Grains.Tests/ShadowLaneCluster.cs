using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace Aegis.Grains.Tests;

/// <summary>A shadow cluster with the production shadow-lane registration, connected as the shadow role to a live cluster's database.</summary>
public sealed class ShadowLaneCluster : IAsyncDisposable
{
    private ShadowLaneCluster(InProcessTestCluster cluster) => Cluster = cluster;

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The shadow role's connection string to <paramref name="liveConnectionString"/>'s database.</summary>
    public static Task<string> ShadowConnectionStringAsync(PostgresServerFixture postgres, string liveConnectionString) =>
        postgres.Server.ShadowConnectionStringAsync(new NpgsqlConnectionStringBuilder(liveConnectionString).Database);

    /// <param name="serviceId">The shadow's service id (it must start with <c>aegis-shadow</c>, the role's namespace); a new one by default.
    /// A cluster started again with the same id resumes where the previous one stopped.</param>
    /// <param name="strategies">The shadow build's strategies, when they differ from the reference ones.</param>
    /// <param name="build">The build the shadow reports, when not the test assembly's.</param>
    public static async Task<ShadowLaneCluster> StartAsync(PostgresServerFixture postgres, string liveConnectionString, string? serviceId = null,
        StrategyCatalog? strategies = null, string? build = null, Action<ShadowLaneOptions>? options = null)
    {
        var connectionString = await ShadowConnectionStringAsync(postgres, liveConnectionString);
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId ?? "aegis-shadow-test-" + Guid.NewGuid().ToString("N");
        builder.Options.ClusterId = builder.Options.ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAegisPersistence(connectionString);
            if (strategies is not null)
            {
                silo.Services.AddSingleton(strategies);
            }

            if (build is not null)
            {
                silo.Services.AddSingleton(new SiloBuild(build));
            }

            silo.Services.Configure<ShadowLaneOptions>(o =>
            {
                o.KeepAliveInterval = TimeSpan.FromMilliseconds(500);
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                options?.Invoke(o);
            });
            silo.AddShadowLane(new SiloHostOptions { Lane = Lane.Shadow });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ShadowLaneCluster(cluster);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
