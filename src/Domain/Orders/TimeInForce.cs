namespace Aegis.Domain.Orders;

/// <summary>How long an unfilled order stays working.</summary>
public enum TimeInForce
{
    /// <summary>Rests until filled or until the UTC day of its creation ends.</summary>
    Day = 0,
    /// <summary>Good till cancelled: rests until filled.</summary>
    Gtc = 1,
    /// <summary>Immediate or cancel: whatever is not filled on submission is cancelled.</summary>
    Ioc = 2,
}
