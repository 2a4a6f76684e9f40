namespace Aegis.Grains;

/// <summary>Grain storage provider names and the system-wide unique state names. ADO.NET storage
/// keys a row by ServiceId + grain id + state name (not by grain type), so no two grain classes may
/// share a state name.</summary>
public static class StorageNames
{
    /// <summary>The PostgreSQL grain storage provider.</summary>
    public const string Postgres = "aegis-pg";

    /// <summary>State of <c>ScenarioDirectoryGrain</c>: the live lane's scenario list.</summary>
    public const string ScenarioDirectory = "live-scenario-directory";

    /// <summary>State of <c>ReplayGrain</c>: the replay's cursor and cluster-wide settings.</summary>
    public const string Replay = "live-replay";

    /// <summary>State of <c>InstrumentFeedGrain</c>: counters, sequences per source, subscribers.</summary>
    public const string InstrumentFeed = "live-instrument-feed";

    /// <summary>State of <c>ScenarioGrain</c>: spec, engine snapshot, where its streams start.</summary>
    public const string Scenario = "live-scenario";

    /// <summary>State of <c>ShadowScenarioGrain</c>: the spec it follows, its engine snapshot and position in the live input log.</summary>
    public const string ShadowScenario = "shadow-scenario";

    /// <summary>State of <c>BrokerTokenGrain</c>: a broker account's tokens, sealed, and their health.</summary>
    public const string BrokerToken = "live-broker-token";

    /// <summary>State of <c>ResearchJobGrain</c>: the job's spec, chunks and progress.</summary>
    public const string ResearchJob = "research-job";
}
