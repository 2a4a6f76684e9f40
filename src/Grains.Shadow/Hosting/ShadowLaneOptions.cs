namespace Aegis.Grains.Shadow.Hosting;

/// <summary>Settings of the shadow lane (section <c>Aegis:Shadow</c>).</summary>
public sealed class ShadowLaneOptions
{
    public const string Section = "Aegis:Shadow";

    /// <summary>How often a twin that is caught up looks for new live inputs. Every look costs a step's fixed work
    /// (reads, a snapshot, a parity comparison) whatever it finds, so following live closely costs CPU the live
    /// lane may need.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Live inputs a twin reads (with their quotes) per step.</summary>
    public int InputsPerStep { get; set; } = 2_000;

    /// <summary>How long a twin that is behind keeps stepping in one turn before it answers calls again.</summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each shadow silo makes sure every live scenario has a twin following it.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A twin further behind its live scenario than this (in exchange time) raises a lag alert, once until it catches up.</summary>
    public TimeSpan LagAlert { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the validator checks every rule (a reminder: at least a minute).</summary>
    public TimeSpan ValidatorInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Quote inputs per scenario the validator checks against the tape per run (the rest on the next runs).</summary>
    public int ValidatorInputsPerRun { get; set; } = 5_000;

    /// <summary>While other streams receive quotes, a stream without one for this long is stale.</summary>
    public TimeSpan StaleFeedAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The shadow may trail a live scenario by this much exchange time before the lag rule fails.</summary>
    public TimeSpan MaxShadowLag { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A scenario's input log may trail the tape by this many quotes of a stream before the lag rule fails.</summary>
    public long MaxJournalLagQuotes { get; set; } = 20_000;

    /// <summary>How often the scan cycle writes its snapshot rows (a reminder: at least a minute).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Decoded tape quotes a shadow silo keeps in memory for its twins to share (about 100 bytes each).</summary>
    public long TapeCacheQuotes { get; set; } = 2_000_000;
}
