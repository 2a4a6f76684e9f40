namespace Aegis.Grains.Telemetry;

/// <summary>Wall-clock time in the unit quotes carry.</summary>
public static class TimeProviderExtensions
{
    /// <summary>Now, in nanoseconds since the Unix epoch, UTC.</summary>
    public static long GetUtcNowUnixNs(this TimeProvider time) =>
        (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
