namespace Aegis.Domain.Orders;

/// <summary>An accepted order that ended without a fill (IOC not marketable, Day order expired).</summary>
/// <param name="ClientOrderId">The order cancelled.</param>
/// <param name="Reason">Why, for people reading the journal.</param>
public sealed record OrderCancellation(string ClientOrderId, string Reason);
