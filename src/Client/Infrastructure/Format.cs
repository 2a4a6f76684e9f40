using System.Globalization;

namespace Aegis.Client.Infrastructure;

/// <summary>How the console prints money, prices, counts and times: invariant culture, UTC, always the same shape.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Money with two decimals: <c>-1234.50</c>.</summary>
    public static string Money(decimal value) => value.ToString("0.00", Invariant);

    /// <summary>A price keeps the precision it was quoted with (at least two decimals, at most eight).</summary>
    public static string Price(decimal value) => value.ToString("0.00######", Invariant);

    public static string Price(decimal? value) => value is { } price ? Price(price) : "-";

    public static string Count(long value) => value.ToString(Invariant);

    public static string Rate(double perSecond) => perSecond.ToString("0.0", Invariant);

    public static string Staleness(double? seconds) => seconds is { } s ? s.ToString("0.0", Invariant) + "s" : "-";

    /// <summary>Nanoseconds since the Unix epoch as ISO-8601 UTC with milliseconds: <c>2026-01-16T14:30:00.123Z</c>.</summary>
    public static string UnixNs(long unixNs) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixNs / TimeSpan.NanosecondsPerTick).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant);

    /// <summary>Like <see cref="UnixNs"/>, but 0 (never) prints as <c>-</c>.</summary>
    public static string OptionalUnixNs(long unixNs) => unixNs == 0 ? "-" : UnixNs(unixNs);

    /// <summary>Splits <c>A,B, C</c> into trimmed, non-empty, distinct items in the order given.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
