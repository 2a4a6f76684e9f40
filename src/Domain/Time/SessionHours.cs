namespace Aegis.Domain.Time;

/// <summary>An exchange's session hours, exchange-local time of day.</summary>
/// <param name="PreMarketOpen">Start of pre-market trading.</param>
/// <param name="Open">Regular open.</param>
/// <param name="Close">Regular close on a full day.</param>
/// <param name="EarlyClose">Regular close on an early-close day.</param>
/// <param name="PostMarketClose">End of post-market trading on a full day.</param>
/// <param name="EarlyPostMarketClose">End of post-market trading on an early-close day.</param>
public sealed record SessionHours(
    TimeOnly PreMarketOpen,
    TimeOnly Open,
    TimeOnly Close,
    TimeOnly EarlyClose,
    TimeOnly PostMarketClose,
    TimeOnly EarlyPostMarketClose);
