namespace Aegis.Grains.Telemetry;

/// <summary>
/// A thread-safe latency histogram with log-linear buckets (16 sub-buckets per power of two, so
/// a reported percentile is at most ~6% above the truth) from 1 µs to ~1 min. Recording is one
/// interlocked increment: cheap enough for every quote.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 4;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Powers = 27;
    private readonly long[] _buckets = new long[Powers * SubBuckets];
    private long _max;

    public void Record(long nanoseconds)
    {
        var micros = Math.Max(1, nanoseconds / 1_000);
        Interlocked.Increment(ref _buckets[BucketOf(micros)]);
        InterlockedMax.Raise(ref _max, nanoseconds);
    }

    public long Count => _buckets.Sum(b => Volatile.Read(ref b));

    public long MaxNanoseconds => Volatile.Read(ref _max);

    /// <summary>How many recorded values may be at least <paramref name="nanoseconds"/>: counted by bucket, the whole
    /// bucket holding the threshold included, so this never undercounts (a target checked with it is met for sure).</summary>
    public long CountAtLeast(long nanoseconds)
    {
        var first = BucketOf(Math.Max(1, nanoseconds / 1_000));
        long count = 0;
        for (var i = first; i < _buckets.Length; i++)
        {
            count += Volatile.Read(ref _buckets[i]);
        }

        return count;
    }

    /// <summary>Upper bound of the bucket holding the <paramref name="percentile"/>-th value (0-100), in nanoseconds.</summary>
    public long PercentileNanoseconds(double percentile)
    {
        var counts = _buckets.Select(b => Volatile.Read(ref b)).ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBoundMicros(i) * 1_000, MaxNanoseconds);
            }
        }

        return MaxNanoseconds;
    }

    public void Reset()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            Interlocked.Exchange(ref _buckets[i], 0);
        }

        Interlocked.Exchange(ref _max, 0);
    }

    private static int BucketOf(long micros)
    {
        var power = 63 - (int)long.LeadingZeroCount(micros);
        if (power >= Powers)
        {
            return (Powers * SubBuckets) - 1;
        }

        var sub = power <= SubBucketBits ? (int)(micros - (1L << power)) : (int)((micros - (1L << power)) >> (power - SubBucketBits));
        return (power * SubBuckets) + Math.Min(sub, SubBuckets - 1);
    }

    private static long UpperBoundMicros(int bucket) => LowerBoundMicros(bucket) + Width(bucket);

    private static long LowerBoundMicros(int bucket) => (1L << (bucket / SubBuckets)) + (bucket % SubBuckets * Width(bucket));

    private static long Width(int bucket) => Math.Max(1L, (1L << (bucket / SubBuckets)) / SubBuckets);
}
