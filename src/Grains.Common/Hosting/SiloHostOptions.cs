using Aegis.Grains.Interfaces.Cluster;

namespace Aegis.Grains.Hosting;

/// <summary>Settings of one silo process (section <c>Aegis</c>; command line <c>--lane</c>, <c>--http-port</c>, …).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Aegis";

    public Lane Lane { get; set; } = Lane.Live;

    /// <summary>Port of the HTTP endpoint on 127.0.0.1 (health, dashboard); 0 = the lane's default.</summary>
    public int HttpPort { get; set; }

    /// <summary>Silo-to-silo port; 0 = the lane's default.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 = the lane's default.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Silo name shown in membership and the dashboard; empty = lane, host and port.</summary>
    public string SiloName { get; set; } = string.Empty;

    /// <summary>Folder of the embedded default (local PostgreSQL, sample market day); empty = the default home.</summary>
    public string Home { get; set; } = string.Empty;

    /// <summary>The embedded demo: replay the sample day and create the demo scenarios (live lane).
    /// Defaults to on when no database is configured, off otherwise.</summary>
    public bool Demo { get; set; }

    /// <summary>A live silo starts a shadow silo beside it (a child process on the same database) and stops it when it
    /// stops. Defaults to on for the embedded demo, off otherwise.</summary>
    public bool WithShadow { get; set; }

    /// <summary>Start a research silo beside this live silo (<c>--with-research</c>); on by default for the embedded demo.</summary>
    public bool WithResearch { get; set; }

    /// <summary>The address other silos reach this one at (it then listens on every interface); empty = loopback only.</summary>
    public string AdvertisedAddress { get; set; } = string.Empty;

    /// <summary>In an ECS task (Fargate): advertise the task's own address, read from the task metadata endpoint.</summary>
    public bool AdvertiseFromEcsMetadata { get; set; }

    /// <summary>The process whose end this silo follows (a companion's parent); 0 = none.</summary>
    public int ParentProcessId { get; set; }

    /// <summary><see cref="Home"/> or the default AEGIS home.</summary>
    public string ResolvedHome => string.IsNullOrEmpty(Home) ? Aegis.Persistence.Embedded.LocalPostgresOptions.DefaultHome() : Home;
}
