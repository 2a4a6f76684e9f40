namespace Aegis.Domain.Orders;

/// <summary>An accepted order resting at the (paper) venue, waiting to be filled.</summary>
/// <param name="Intent">The order as submitted.</param>
/// <param name="CreatedUnixNs">Exchange time of the event that created it; Day orders expire with its UTC day.</param>
public sealed record OpenOrder(OrderIntent Intent, long CreatedUnixNs);
