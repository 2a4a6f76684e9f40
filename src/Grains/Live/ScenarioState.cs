namespace Aegis.Grains.Live;

/// <summary>Persisted part of a scenario: its spec and the last snapshot of its engine. Decisions
/// made after <see cref="DecisionSequence"/> live in the decision journal and are re-applied on activation.</summary>
public sealed class ScenarioState
{
    /// <summary>The YAML/JSON spec the scenario was created from; null = the scenario does not exist.</summary>
    public string? SpecText { get; set; }

    /// <summary>The engine snapshot (JSON of <c>ScenarioSnapshot</c>).</summary>
    public string? SnapshotJson { get; set; }

    /// <summary>Number of the last journaled decision included in <see cref="SnapshotJson"/>.</summary>
    public long DecisionSequence { get; set; }

    public long QuotesProcessed { get; set; }

    public long LastQuoteTimeUnixNs { get; set; }
}
