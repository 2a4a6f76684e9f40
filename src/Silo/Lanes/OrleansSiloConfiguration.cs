using System.Net;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Aegis.Persistence;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Aegis.Silo.Lanes;

/// <summary>What every AEGIS silo has whatever its lane: its lane's cluster identity, PostgreSQL
/// membership, grain storage and reminders, its build in metadata and in <c>silo_builds</c>, the dashboard and tracing.</summary>
public static class OrleansSiloConfiguration
{
    public static ISiloBuilder AddAegisSiloDefaults(this ISiloBuilder silo, SiloHostOptions options, SiloBuild build, string connectionString)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = LaneIdentity.ClusterId(options.Lane);
            o.ServiceId = LaneIdentity.ServiceId(options.Lane);
        });
        silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
        // Loopback unless told otherwise: a silo on a network (a Fargate task) advertises its own address and listens on
        // every interface, since a wildcard bind cannot be advertised.
        if (options.AdvertisedAddress.Length > 0)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        }
        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [LaneIdentity.MetadataKey] = LaneIdentity.Name(options.Lane),
            [SiloBuild.MetadataKey] = build.Version,
        });

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = ConnectionPools.Membership(connectionString);
        });
        silo.AddAegisPersistence(connectionString);
        SiloBuildRecorder.Register(silo.Services, options.Lane, build);

        silo.Configure<ClusterMembershipOptions>(ConfigureFastFailureDetection);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        silo.AddActivityPropagation();
        silo.AddDashboard(o => o.HideTrace = true);
        return silo;
    }

    /// <summary>
    /// A dead silo is declared dead in about 1-2 s instead of Orleans' ~10-20 s default, so its
    /// scenarios and feeds move to a survivor quickly. Measured on 2-core machines under full CPU
    /// load without false suspicions (docs/benchmarks.md).
    /// </summary>
    public static void ConfigureFastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumProbedSilos = 3;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
        o.DefunctSiloCleanupPeriod = TimeSpan.FromMinutes(10);
        o.DefunctSiloExpiration = TimeSpan.FromHours(1);
    }
}
