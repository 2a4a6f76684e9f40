namespace Aegis.Connectors.Replay;

/// <summary>What one <c>ReplayConnector.RunAsync</c> call delivered.</summary>
/// <param name="Quotes">Quotes published (in completed batches).</param>
/// <param name="Batches">Batches published.</param>
/// <param name="Loops">Complete passes over the day, counted from the day's first pass (a resumed run
/// includes the passes it skipped).</param>
/// <param name="Elapsed">Time from start to stop on the connector's clock.</param>
/// <param name="Cancelled">True when the run stopped because cancellation was requested.</param>
public sealed record ReplayStats(long Quotes, long Batches, int Loops, TimeSpan Elapsed, bool Cancelled);
