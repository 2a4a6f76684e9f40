using Aegis.Domain.Quotes;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>Quotes travelling together: one grain call carries many quotes, which is what lets the
/// feed fan-out exceed the grain-call rate. Immutable by contract: senders never change the array
/// after sending, so Orleans can pass it between local grains without copying. A publisher that sends
/// in exchange-time order across instruments (the replay) sets <see cref="WatermarkUnixNs"/>: every quote
/// it will ever send for this instrument with an exchange time at or before it has now been sent.</summary>
[GenerateSerializer, Immutable]
public sealed record QuoteBatch([property: Id(0)] Quote[] Quotes, [property: Id(1)] long WatermarkUnixNs = long.MinValue)
{
    public static QuoteBatch Empty { get; } = new([]);
}
