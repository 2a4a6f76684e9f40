using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Aegis.Grains.Hosting;

/// <summary>Records the silo's lane and build in <c>silo_builds</c> once it is active.</summary>
public sealed partial class SiloBuildRecorder(
    Lane lane, IOptions<ClusterOptions> cluster, SiloBuild build, ILocalSiloDetails silo, SiloBuildLog log, ILogger<SiloBuildRecorder> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Records the silo's build (its lane's, unless one is registered already) when it starts.</summary>
    public static void Register(IServiceCollection services, Lane lane, SiloBuild build)
    {
        if (services.Any(d => d.ServiceType == typeof(SiloBuildRecorder)))
        {
            return; // the silo's host registered it with the build it put in the silo's metadata
        }

        services.TryAddSingleton(build);
        services.TryAddSingleton<SiloBuildLog>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SiloBuildRecorder>(sp, lane));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloBuildRecorder>());
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloBuildRecorder), ServiceLifecycleStage.Active, RecordAsync);

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        LogBuild(logger, LaneIdentity.Name(lane), build.Version);
        try
        {
            var address = silo.SiloAddress;
            await log.RecordAsync(cluster.Value.ClusterId, $"{address.Endpoint.Address}:{address.Endpoint.Port}@{address.Generation}",
                LaneIdentity.Name(lane), silo.Name, build.Version, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // The row is a report; the silo runs without it, and its metadata still carries the build.
            LogNotRecorded(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo of the {Lane} lane, build {Build}")]
    private static partial void LogBuild(ILogger logger, string lane, string build);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the silo's build: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string reason);
}
