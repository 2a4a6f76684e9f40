namespace Aegis.Domain.Scenarios.Engine;

/// <summary>The event a decision answers: a quote (instrument, source, sequence, touch) or a timer/command (empty instrument).</summary>
internal readonly record struct DecisionEvent(string InstrumentId, string? Source, long Sequence, long TimeUnixNs, decimal Bid, decimal Ask);
