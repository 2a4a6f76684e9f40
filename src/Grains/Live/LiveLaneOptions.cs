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

    /// <summary>
    /// Off (zero) by default. When set, a feed whose publisher gives no watermark promises exchange-time order up
    /// to this far behind the newest quote it accepted (and, while idle, behind the clock), so scenarios watching
    /// several such feeds merge them by exchange time, waiting at most about this long. The replay gives exact
    /// watermarks and needs no window.
    /// </summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Quotes a feed holds for one scenario before it drops them and lets the scenario read them from the
    /// tape instead (the scenario is too slow or away). Bounds the feed's memory per scenario.</summary>
    public int MaxQueuedQuotesPerScenario { get; set; } = 20_000;

    /// <summary>Quotes in one delivery to a scenario (queued batches go together up to this).</summary>
    public int MaxQuotesPerDelivery { get; set; } = 10_000;

    /// <summary>Quotes a scenario that fell behind reads from the tape per delivery while it catches up.</summary>
    public int MaxCatchUpQuotes { get; set; } = 20_000;

    /// <summary>
    /// How long one catch-up turn may take, judged from the scenario's measured cost per quote: a strategy
    /// that is slow reads fewer quotes per turn, so the scenario still answers commands and summaries in time.
    /// </summary>
    public TimeSpan CatchUpTurnBudget { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Quotes a scenario may have processed whose inputs are not journaled yet (the database is slow or
    /// away); beyond this it takes no more deliveries and later reads them from the tape.</summary>
    public int MaxUnjournaledQuotes { get; set; } = 50_000;

    /// <summary>How long a scenario's inputs that decided nothing may wait before they are written to its input log.
    /// Inputs that caused decisions are written with them at once. Longer gathers more inputs per row and commit;
    /// the shadow lane, which follows the input log, sees them this much later.</summary>
    public TimeSpan InputLogInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
