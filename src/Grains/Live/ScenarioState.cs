namespace Aegis.Grains.Live;

/// <summary>Persisted part of a scenario: its spec and the last snapshot of its engine. Inputs logged after
/// <see cref="InputSequence"/> (and the decisions they caused) are replayed over it on activation.</summary>
public sealed class ScenarioState
{
    /// <summary>Snapshots taken since the input log exists; older ones cannot be replayed forward.</summary>
    public const int CurrentFormat = 2;

    /// <summary>The YAML/JSON spec the scenario was created from; null = the scenario does not exist.</summary>
    public string? SpecText { get; set; }

    /// <summary>The engine snapshot (JSON of <c>ScenarioSnapshot</c>).</summary>
    public string? SnapshotJson { get; set; }

    /// <summary>Number of the last journaled decision included in <see cref="SnapshotJson"/>.</summary>
    public long DecisionSequence { get; set; }

    /// <summary>Number of the last logged input included in <see cref="SnapshotJson"/>.</summary>
    public long InputSequence { get; set; }

    /// <summary><see cref="CurrentFormat"/> for snapshots that <see cref="InputSequence"/> applies to; 0 for older ones.</summary>
    public int Format { get; set; }

    public long QuotesProcessed { get; set; }

    public long LastQuoteTimeUnixNs { get; set; }

    /// <summary>Per instrument and source, the feed's last sequence when the scenario joined it: where the scenario
    /// starts in a stream it has not processed a quote of yet.</summary>
    public Dictionary<string, Dictionary<string, long>> StartSequences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set by an activation that found the journal diverging from what it decided: the next activation halts with this reason.</summary>
    public string? HaltOnRecovery { get; set; }
}
