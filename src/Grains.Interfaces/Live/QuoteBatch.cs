using Aegis.Domain.Quotes;

namespace Aegis.Grains.Interfaces.Live;

/// <summary>Quotes travelling together: one grain call carries many quotes, which is what lets the
/// feed fan-out exceed the grain-call rate. Immutable by contract: senders never change the array
/// after sending, so Orleans can pass it between local grains without copying.</summary>
[GenerateSerializer, Immutable]
public sealed record QuoteBatch([property: Id(0)] Quote[] Quotes)
{
    public static QuoteBatch Empty { get; } = new([]);
}
