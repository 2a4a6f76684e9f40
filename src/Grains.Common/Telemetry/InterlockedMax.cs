namespace Aegis.Grains.Telemetry;

/// <summary>A running maximum that many threads raise without a lock.</summary>
internal static class InterlockedMax
{
    public static void Raise(ref long maximum, long value)
    {
        var known = Volatile.Read(ref maximum);
        while (value > known)
        {
            var seen = Interlocked.CompareExchange(ref maximum, value, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }
}
