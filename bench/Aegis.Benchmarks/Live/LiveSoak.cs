using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;

namespace Aegis.Benchmarks.Live;

/// <summary><c>live-soak</c>: a fixed rate for minutes, memory and tape backlog sampled every
/// 10 s (after a warm-up); the goal is a flat line, so the least-squares slope is the headline.</summary>
public static class LiveSoak
{
    public static async Task RunAsync(BenchArgs args)
    {
        var instruments = args.Int("instruments", 200);
        var scenarios = args.Int("scenarios", 100);
        var perScenario = args.Int("per-scenario", 10);
        var rate = args.Double("rate", 10_000);
        var minutes = args.Double("minutes", 10);
        var warmup = args.Double("warmup", 10);
        var every = args.Double("sample-seconds", 10);
        args.EnsureAllUsed();

        await using var cluster = await LiveCluster.StartAsync(instruments, scenarios, perScenario);
        var publisher = new FixedRatePublisher(cluster, rate);
        using var stop = new CancellationTokenSource();
        BenchReport.Line($"publishing {rate:N0} quotes/s for {minutes} min after {warmup} s warm-up, sampling every {every} s");
        var run = Task.Run(() => publisher.RunAsync(stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(warmup));

        var samples = new List<ProcessSample>();
        var accepted0 = cluster.Metrics.QuotesAccepted;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sample = ProcessSample.Take(cluster.Tape.Backlog) with { Seconds = BenchReport.Round(clock.Elapsed.TotalSeconds) };
            samples.Add(sample);
            BenchReport.Line($"t={sample.Seconds,6:F0} s  working set {sample.WorkingSetMb,7:N1} MB  GC heap {sample.GcHeapMb,7:N1} MB  tape backlog {sample.TapeBacklog,8:N0}");
            if (clock.Elapsed.TotalMinutes >= minutes)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(every, Math.Max(0.1, (minutes * 60) - clock.Elapsed.TotalSeconds))));
        }

        var achieved = (cluster.Metrics.QuotesAccepted - accepted0) / clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await run;

        var workingSetSlope = SlopePerMinute(samples, s => s.WorkingSetMb);
        var heapSlope = SlopePerMinute(samples, s => s.GcHeapMb);
        BenchReport.Line($"achieved {achieved:N0} quotes/s; failed publishes {publisher.Failed:N0}");
        BenchReport.Line($"working set first {samples[0].WorkingSetMb:N1} last {samples[^1].WorkingSetMb:N1} max {samples.Max(s => s.WorkingSetMb):N1} MB, slope {workingSetSlope:F2} MB/min");
        BenchReport.Line($"GC heap     first {samples[0].GcHeapMb:N1} last {samples[^1].GcHeapMb:N1} max {samples.Max(s => s.GcHeapMb):N1} MB, slope {heapSlope:F2} MB/min");
        BenchReport.Line($"tape backlog first {samples[0].TapeBacklog:N0} last {samples[^1].TapeBacklog:N0} max {samples.Max(s => s.TapeBacklog):N0}");

        BenchReport.Result("live-soak", new Dictionary<string, object?>
        {
            ["parameters"] = new { instruments, scenarios, perScenario, rate, minutes, warmup, sampleSeconds = every },
            ["achievedQuotesPerSecond"] = BenchReport.Round(achieved),
            ["failedPublishes"] = publisher.Failed,
            ["workingSetMb"] = Summary(samples, s => s.WorkingSetMb),
            ["gcHeapMb"] = Summary(samples, s => s.GcHeapMb),
            ["tapeBacklog"] = Summary(samples, s => s.TapeBacklog),
            ["samples"] = samples,
        });
    }

    private static object Summary(List<ProcessSample> samples, Func<ProcessSample, double> value) => new
    {
        first = value(samples[0]),
        last = value(samples[^1]),
        max = samples.Max(value),
        slopePerMinute = BenchReport.Round(SlopePerMinute(samples, value), 3),
    };

    /// <summary>Least-squares slope of <paramref name="value"/> against time, per minute.</summary>
    private static double SlopePerMinute(List<ProcessSample> samples, Func<ProcessSample, double> value)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanT = samples.Average(s => s.Seconds);
        var meanV = samples.Average(value);
        var covariance = samples.Sum(s => (s.Seconds - meanT) * (value(s) - meanV));
        var variance = samples.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT));
        return variance == 0 ? 0 : covariance / variance * 60;
    }
}
