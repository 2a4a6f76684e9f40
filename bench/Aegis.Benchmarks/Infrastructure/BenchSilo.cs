using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Persistence.Embedded;
using Aegis.Silo.Lanes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>
/// One real live-lane silo in this process, configured like production (<c>AddAegisSiloDefaults</c> +
/// <c>AddLiveLane</c>, demo off) and driven through <see cref="IGrainFactory"/> the way the replay
/// connector drives it: no network client.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="connectionString">The (migrated) database.</param>
    /// <param name="overrides">Registrations added after the live lane's; the last registration wins.</param>
    public static async Task<BenchSilo> StartAsync(string connectionString, Action<IServiceCollection>? overrides = null)
    {
        var options = new SiloHostOptions
        {
            Lane = Lane.Live,
            SiloPort = LocalPostgres.FindFreePort(),
            GatewayPort = LocalPostgres.FindFreePort(),
            HttpPort = LocalPostgres.FindFreePort(),
            SiloName = "bench",
            Demo = false,
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Path.GetTempPath() });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        // A failed state write is logged three times with stacks by Orleans; the grain's own one-line warning is enough here.
        builder.Logging.AddFilter("Orleans.Storage", LogLevel.Critical);
        builder.Logging.AddFilter("Orleans.Core.StateStorageBridge", LogLevel.Critical);
        builder.Services.AddSingleton(options);
        builder.UseOrleans(silo =>
        {
            silo.AddAegisSiloDefaults(options, SiloBuild.Of(typeof(LiveLaneRegistration).Assembly), connectionString);
            silo.AddLiveLane(options);
        });
        overrides?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        BenchReport.Line($"silo started (silo port {options.SiloPort}, gateway {options.GatewayPort})");
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
