namespace Aegis.Domain.Time;

/// <summary>Where an instant falls in an exchange's trading day.</summary>
public enum SessionPhase
{
    /// <summary>No trading: overnight, a weekend or a holiday.</summary>
    Closed,

    /// <summary>Extended hours before the regular open.</summary>
    PreMarket,

    /// <summary>The regular session, open inclusive, close exclusive.</summary>
    Regular,

    /// <summary>Extended hours after the regular close.</summary>
    PostMarket,
}
