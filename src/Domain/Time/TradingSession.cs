namespace Aegis.Domain.Time;

/// <summary>
/// One trading day of an exchange, its boundaries as UTC nanoseconds. Each interval includes its
/// start and excludes its end: pre-market is [<see cref="ExtendedOpenUnixNs"/>, <see cref="OpenUnixNs"/>),
/// the regular session [<see cref="OpenUnixNs"/>, <see cref="CloseUnixNs"/>), post-market
/// [<see cref="CloseUnixNs"/>, <see cref="ExtendedCloseUnixNs"/>).
/// </summary>
/// <param name="Date">The exchange-local calendar date.</param>
/// <param name="OpenUnixNs">Regular open.</param>
/// <param name="CloseUnixNs">Regular close; earlier than usual when <paramref name="IsEarlyClose"/>.</param>
/// <param name="IsEarlyClose">The exchange closes early this day (13:00 New York for US equities).</param>
/// <param name="ExtendedOpenUnixNs">Start of pre-market trading.</param>
/// <param name="ExtendedCloseUnixNs">End of post-market trading.</param>
public sealed record TradingSession(
    DateOnly Date,
    long OpenUnixNs,
    long CloseUnixNs,
    bool IsEarlyClose,
    long ExtendedOpenUnixNs,
    long ExtendedCloseUnixNs);
