using Aegis.Grains.Interfaces.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Aegis.SystemTests;

/// <summary>An Orleans client of the live cluster, found through the PostgreSQL membership table.</summary>
public sealed class LiveClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private LiveClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<LiveClusterClient> ConnectAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = LaneIdentity.ClusterId(Lane.Live);
                o.ServiceId = LaneIdentity.ServiceId(Lane.Live);
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

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }
}
