namespace Aegis.Grains.Telemetry;

/// <summary>Events per second over the last few seconds, from per-second buckets (no allocation per event).</summary>
public sealed class RateMeter(int windowSeconds = 10)
{
    private readonly long[] _counts = new long[windowSeconds];
    private readonly long[] _seconds = new long[windowSeconds];

    public void Add(long count, long nowUnixNs)
    {
        var second = nowUnixNs / 1_000_000_000;
        var slot = (int)(second % _counts.Length);
        if (_seconds[slot] != second)
        {
            _seconds[slot] = second;
            _counts[slot] = 0;
        }

        _counts[slot] += count;
    }

    /// <summary>Average rate over the completed seconds of the window.</summary>
    public double PerSecond(long nowUnixNs)
    {
        var now = nowUnixNs / 1_000_000_000;
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_seconds[i] < now && _seconds[i] >= now - _counts.Length)
            {
                total += _counts[i];
            }
        }

        return total / (double)_counts.Length;
    }
}
