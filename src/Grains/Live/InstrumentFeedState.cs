using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>Persisted part of an instrument feed: what it has seen and who listens.</summary>
public sealed class InstrumentFeedState
{
    /// <summary>Last accepted sequence per source (sequences are per instrument and per source).</summary>
    public Dictionary<string, long> LastSequenceBySource { get; set; } = [];

    public List<string> Subscribers { get; set; } = [];

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long OutOfOrder { get; set; }

    public Dictionary<string, long> RejectedByReason { get; set; } = [];

    public QuoteView? LastQuote { get; set; }

    public long SamplesTaken { get; set; }

    public long LastSampleExchangeTimeUnixNs { get; set; } = long.MinValue;
}
