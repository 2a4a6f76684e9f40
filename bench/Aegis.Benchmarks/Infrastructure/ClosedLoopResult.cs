namespace Aegis.Benchmarks.Infrastructure;

/// <summary>Operations per second of a closed loop, and how many calls timed out or were rejected.</summary>
public sealed record ClosedLoopResult(double PerSecond, long TimedOut);
