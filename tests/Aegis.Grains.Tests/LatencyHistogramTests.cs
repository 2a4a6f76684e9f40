using Aegis.Grains.Telemetry;

namespace Aegis.Grains.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_at_most_one_bucket_above_the_exact_value()
    {
        var histogram = new LatencyHistogram();
        var values = Enumerable.Range(1, 10_000).Select(i => i * 997L).ToArray();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        foreach (var percentile in new[] { 50.0, 90, 99, 99.9 })
        {
            var exact = values[(int)Math.Ceiling(percentile / 100 * values.Length) - 1];
            var reported = histogram.PercentileNanoseconds(percentile);
            Assert.InRange(reported, exact, exact * 1.07);
        }

        Assert.Equal(values[^1], histogram.MaxNanoseconds);
        Assert.Equal(values.Length, histogram.Count);
    }

    [Fact]
    public void Counts_at_or_above_a_threshold_never_undercount()
    {
        var histogram = new LatencyHistogram();
        foreach (var micros in new[] { 3, 900, 4_800, 4_900, 4_999, 5_000, 5_001, 5_300, 80_000 })
        {
            histogram.Record(micros * 1_000L);
        }

        // 4,900 and 4,999 µs share the bucket [4,864, 5,120) µs with 5,000 and 5,001: counted, not guessed away.
        Assert.Equal(6, histogram.CountAtLeast(5_000_000));
        Assert.Equal(2, histogram.CountAtLeast(5_120_000));
        Assert.Equal(9, histogram.CountAtLeast(1));
        Assert.Equal(0, histogram.CountAtLeast(100_000_000));
    }
}
