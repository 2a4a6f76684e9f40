namespace Aegis.Grains.Shadow.Twins;

/// <summary>Persisted part of a shadow twin: the spec it follows and its engine's snapshot after the last input it took.</summary>
public sealed class ShadowScenarioState
{
    /// <summary>The live scenario's spec as recorded at its creation; null until the twin has read it.</summary>
    public string? SpecText { get; set; }

    /// <summary>The engine snapshot (JSON of <c>ScenarioSnapshot</c>) after <see cref="InputSequence"/>.</summary>
    public string? SnapshotJson { get; set; }

    /// <summary>The last live input taken.</summary>
    public long InputSequence { get; set; }

    /// <summary>The last decision made (and written to the shadow journal).</summary>
    public long DecisionSequence { get; set; }

    public long QuotesProcessed { get; set; }

    /// <summary>Event time of input <see cref="InputSequence"/>, Unix ns.</summary>
    public long InputTimeUnixNs { get; set; }

    /// <summary>Why the twin stopped following (its spec does not build in this build, the log cannot be replayed, …).</summary>
    public string? Failure { get; set; }

    /// <summary>The build under which the twin stopped: a twin activated by another build tries again.</summary>
    public string? FailedBuild { get; set; }
}
