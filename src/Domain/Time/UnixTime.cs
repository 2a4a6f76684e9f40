namespace Aegis.Domain.Time;

/// <summary>Unit constants and UTC calendar helpers for <c>…UnixNs</c> timestamps.</summary>
public static class UnixTime
{
    public const long NanosecondsPerSecond = 1_000_000_000L;
    public const long NanosecondsPerMinute = 60L * NanosecondsPerSecond;
    public const long NanosecondsPerDay = 24L * 60L * NanosecondsPerMinute;

    /// <summary>Days since the Unix epoch (UTC) containing <paramref name="unixNs"/>.</summary>
    public static long UtcDay(long unixNs) => FloorDiv(unixNs, NanosecondsPerDay);

    /// <summary>Start of the UTC day containing <paramref name="unixNs"/>.</summary>
    public static long UtcDayStartUnixNs(long unixNs) => UtcDay(unixNs) * NanosecondsPerDay;

    /// <summary>Nanoseconds for a wall-clock instant given in UTC.</summary>
    public static long FromUtc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100L;

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;
}
