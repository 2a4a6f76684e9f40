using Aegis.Domain.Quotes;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// What a feed hands one watching scenario in one call. <see cref="Through"/> says, per source, how far
/// the scenario must have processed the stream before <see cref="Quotes"/>: the feed's last accepted
/// sequence before them. A scenario that is behind that mark (the feed dropped deliveries it could not
/// take in time, or an earlier activation lost them) reads the missing quotes from the tape first, so
/// nothing is skipped and nothing is taken twice. A delivery may carry marks and no quotes.
/// </summary>
/// <param name="InstrumentId">The feed's instrument.</param>
/// <param name="Quotes">Accepted quotes, in the feed's order. Never changed after sending.</param>
/// <param name="Through">Per source: the sequence the scenario must have reached before these quotes.</param>
/// <param name="WatermarkUnixNs">The feed's promise: every quote with an exchange time at or before it has been
/// delivered (or named by <see cref="Through"/>). <see cref="long.MinValue"/> when the feed promises nothing.</param>
[GenerateSerializer, Immutable]
public sealed record FeedDelivery(
    [property: Id(0)] string InstrumentId,
    [property: Id(1)] Quote[] Quotes,
    [property: Id(2)] StreamMark[] Through,
    [property: Id(3)] long WatermarkUnixNs = long.MinValue);
