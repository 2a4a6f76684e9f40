using Aegis.Grains.Interfaces.Cluster;
using Aegis.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Aegis.Client.Infrastructure;

/// <summary>An Orleans client connected to one lane's cluster, found through the membership table.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, Lane lane)
    {
        _host = host;
        Lane = lane;
    }

    public Lane Lane { get; }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection> ConnectAsync(string connectionString, Lane lane, CancellationToken cancellationToken)
    {
        // Without an active silo in the membership table the client would retry gateways for its whole start timeout:
        // say so at once.
        if (await ActiveSilosAsync(connectionString, lane, cancellationToken) == 0)
        {
            throw new CliException($"cluster {LaneIdentity.ClusterId(lane)} has no active silo in the membership table " +
                $"(is a {LaneIdentity.Name(lane)} silo running on this database? dotnet run --project src/Silo -- --lane {LaneIdentity.Name(lane)})", 2);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddAegisServiceDefaults("aegis-console", logsToStandardError: true);
        // A failed start is reported by the console as its own one line, not as the host's stack trace.
        builder.Logging.AddFilter("Orleans", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
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
            // A call routed through a gateway that just died would otherwise hang for 30 s.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
            client.AddActivityPropagation();
        });

        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host, lane);
        }
        catch (Exception ex) when (ex is OrleansException or SiloUnavailableException or OperationCanceledException or TimeoutException or Npgsql.NpgsqlException)
        {
            host.Dispose();
            throw new CliException(
                $"cluster {LaneIdentity.ClusterId(lane)} is unreachable: {ex.GetBaseException().Message.Split('\n')[0]} (is a {LaneIdentity.Name(lane)} silo running? dotnet run --project src/Silo -- --lane {LaneIdentity.Name(lane)})", 2);
        }
    }

    private static async Task<long> ActiveSilosAsync(string connectionString, Lane lane, CancellationToken cancellationToken)
    {
        try
        {
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3");
            command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = LaneIdentity.ClusterId(lane) });
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            throw new CliException($"the database is unreachable: {ex.GetBaseException().Message.Split('\n')[0]}", 2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
