namespace Aegis.Domain.Risk;

/// <summary>Result of a pre-trade check: accepted, or rejected with a reason for the journal.</summary>
/// <param name="IsAccepted">The order may go to the venue.</param>
/// <param name="Reason">Why not, starting with the client order id.</param>
/// <param name="RateLimitedUntilUnixNs">For an order refused by the orders-per-minute limit: when the window
/// next has room (quote time); <see cref="long.MinValue"/> otherwise.</param>
public readonly record struct RiskDecision(bool IsAccepted, string? Reason, long RateLimitedUntilUnixNs = long.MinValue)
{
    public static RiskDecision Accepted => new(true, null);

    public bool IsRateLimited => RateLimitedUntilUnixNs != long.MinValue;

    public static RiskDecision Rejected(string reason) => new(false, reason);
}
