namespace Aegis.Domain.Risk;

/// <summary>Result of a pre-trade check: accepted, or rejected with a reason for the journal.</summary>
public readonly record struct RiskDecision(bool IsAccepted, string? Reason)
{
    public static RiskDecision Accepted => new(true, null);

    public static RiskDecision Rejected(string reason) => new(false, reason);
}
