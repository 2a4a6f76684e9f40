namespace Aegis.Grains.Interfaces.Live;

/// <summary>How far one scenario is behind one feed: quotes the feed holds for it or dropped for it to read from the tape.</summary>
/// <param name="InstrumentId">The feed's instrument.</param>
/// <param name="Quotes">Quotes waiting for the scenario.</param>
/// <param name="OldestReceiveUnixNs">Receive time (Unix ns, UTC) of the oldest of them; 0 when none wait.</param>
[GenerateSerializer, Immutable]
public sealed record FeedLag([property: Id(0)] string InstrumentId, [property: Id(1)] long Quotes, [property: Id(2)] long OldestReceiveUnixNs);
