using Aegis.Grains.Interfaces.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Aegis.SystemTests;

/// <summary>An Orleans client of the live cluster (or another lane's), found through the PostgreSQL membership table.</summary>
public sealed class LiveClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private LiveClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<LiveClusterClient> ConnectAsync(string connectionString, Lane lane = Lane.Live)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = LaneIdentity.ClusterId(lane);
                o.ServiceId = LaneIdentity.ServiceId(lane);
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            // Calls caught on a killed gateway fail fast and are retried by the test's waits.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new LiveClusterClient(host);
    }

    /// <summary>Connects once the lane's first silo has joined its cluster (a client started before finds no gateway).</summary>
    public static Task<LiveClusterClient> ConnectAsyncWhenUp(string connectionString, Lane lane, TimeSpan deadline) =>
        Aegis.Testing.Eventually.UntilAsync(() => ConnectAsync(connectionString, lane), _ => true, deadline, $"a {LaneIdentity.Name(lane)} silo to accept clients");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }
}
