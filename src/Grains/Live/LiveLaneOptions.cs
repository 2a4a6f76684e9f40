namespace Aegis.Grains.Live;

/// <summary>Settings of the live lane (section <c>Aegis:Live</c>).</summary>
public sealed class LiveLaneOptions
{
    public const string Section = "Aegis:Live";

    /// <summary>Minimum exchange-time gap between two samples of one instrument.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a feed persists its counters and sequences.</summary>
    public TimeSpan FeedPersistInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a scenario snapshots its state (fills are journaled as they happen, not here).</summary>
    public TimeSpan ScenarioSnapshotInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quotes kept per feed for <c>aegis quotes tail</c>.</summary>
    public int RecentQuotes { get; set; } = 200;
}
