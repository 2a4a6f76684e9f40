using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Benchmarks.Live;

/// <summary><c>live-latency</c>: quote→decision latency (receipt stamped at publish, recorded by the
/// scenario after processing its batch) at a fixed publish rate, histogram reset after warm-up.</summary>
public static class LiveLatency
{
    public static async Task RunAsync(BenchArgs args)
    {
        var instruments = args.Int("instruments", 200);
        var scenarios = args.Int("scenarios", 100);
        var perScenario = args.Int("per-scenario", 10);
        var rate = args.Double("rate", 10_000);
        var seconds = args.Double("seconds", 30);
        var warmup = args.Double("warmup", 10);
        var allocations = args.Bool("allocations", false);
        var trace = args.Bool("trace", false);
        var slowMs = args.Double("slow-ms", 0);
        var catchUpSeconds = args.Double("catch-up-seconds", 300);
        args.EnsureAllUsed();
        using var sampler = allocations ? new AllocationSampler() : null;

        await using var cluster = await LiveCluster.StartAsync(instruments, scenarios, perScenario, slowScenarioDelay: TimeSpan.FromMilliseconds(slowMs));
        var publisher = new FixedRatePublisher(cluster, rate);
        using var stop = new CancellationTokenSource();
        BenchReport.Line($"publishing {rate:N0} quotes/s (1 ms ticks): warm-up {warmup} s, then {seconds} s");
        var run = Task.Run(() => publisher.RunAsync(stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(warmup));

        var histogram = cluster.Metrics.QuoteToDecision;
        var durable = cluster.Metrics.QuoteToDurableDecision;
        histogram.Reset();
        durable.Reset();
        long published0 = publisher.Published, accepted0 = cluster.Metrics.QuotesAccepted, delivered0 = cluster.Metrics.Deliveries;
        var log0 = await cluster.InputLogSizeAsync();
        var gc0 = GcActivity.Now();
        var cpu0 = CpuUsage.Now();
        sampler?.Start();
        var clock = Stopwatch.StartNew();
        if (trace)
        {
            await TraceAsync(histogram, seconds);
        }
        else
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var gc = GcActivity.Now() - gc0;
        var cpu = CpuUsage.Now() - cpu0;
        var log = await cluster.InputLogSizeAsync() - log0;
        long published = publisher.Published - published0, accepted = cluster.Metrics.QuotesAccepted - accepted0;
        long delivered = cluster.Metrics.Deliveries - delivered0;
        double p50 = histogram.PercentileNanoseconds(50) / 1e6, p99 = histogram.PercentileNanoseconds(99) / 1e6;
        double p999 = histogram.PercentileNanoseconds(99.9) / 1e6, max = histogram.MaxNanoseconds / 1e6;
        var samples = histogram.Count;
        var caughtUp = cluster.Metrics.QuotesCaughtUp;
        var slow = histogram.CountAtLeast(5_000_000);
        double durableP50 = durable.PercentileNanoseconds(50) / 1e6, durableP99 = durable.PercentileNanoseconds(99) / 1e6, durableMax = durable.MaxNanoseconds / 1e6;
        await stop.CancelAsync();
        await run;

        BenchReport.Line($"target rate      {rate,10:N0} quotes/s");
        BenchReport.Line($"achieved         {accepted / elapsed,10:N0} quotes/s accepted ({published / elapsed:N0} acknowledged), {delivered / elapsed:N0} deliveries/s");
        BenchReport.Line($"quote→decision   p50 {p50:F2} ms  p99 {p99:F2} ms  p99.9 {p999:F2} ms  max {max:F2} ms  ({samples:N0} scenario batches)");
        BenchReport.Line($"≥ 5 ms           {slow:N0} batches, {(double)slow / Math.Max(1, samples):P3} (the p99 target allows 1%; the 4.86-5.12 ms bucket counts whole)");
        BenchReport.Line($"quote→journaled   p50 {durableP50:F2} ms  p99 {durableP99:F2} ms  max {durableMax:F2} ms  ({durable.Count:N0} batches with decisions, committed before acknowledging)");
        BenchReport.Line($"CPU              silo process {cpu.ProcessSeconds / elapsed:F2} cores, PostgreSQL {cpu.PostgresSeconds / elapsed:F2} cores (of {Environment.ProcessorCount})");
        BenchReport.Line($"GC               {gc.Gen0} gen0, {gc.Gen1} gen1, {gc.Gen2} gen2 collections, paused {gc.PauseMs:N0} ms in all ({gc.PauseMs / elapsed:F1} ms/s), allocated {gc.AllocatedMb / elapsed:N0} MB/s");
        foreach (var (type, share) in sampler?.Top(25) ?? [])
        {
            BenchReport.Line($"  allocated {share,6:P1}  {type}");
        }

        BenchReport.Line($"input log        {log.Rows / elapsed:N0} rows/s holding {log.Inputs / elapsed:N0} inputs/s; {(double)log.Bytes / Math.Max(1, delivered):F1} bytes per quote delivered to a scenario (table, TOAST and indexes)");
        BenchReport.Line($"dropped as out-of-order/duplicate {publisher.OutOfOrder:N0}, failed publishes {publisher.Failed:N0}");
        var slowScenario = slowMs > 0 ? await SlowScenarioAsync(cluster, caughtUp, TimeSpan.FromSeconds(catchUpSeconds)) : null;

        BenchReport.Result("live-latency", new Dictionary<string, object?>
        {
            ["parameters"] = new { instruments, scenarios, perScenario, rate, seconds, warmup },
            ["achievedQuotesPerSecond"] = BenchReport.Round(accepted / elapsed),
            ["acknowledgedQuotesPerSecond"] = BenchReport.Round(published / elapsed),
            ["deliveriesPerSecond"] = BenchReport.Round(delivered / elapsed),
            ["p50Ms"] = BenchReport.Round(p50, 3),
            ["p99Ms"] = BenchReport.Round(p99, 3),
            ["p999Ms"] = BenchReport.Round(p999, 3),
            ["maxMs"] = BenchReport.Round(max, 3),
            ["samples"] = samples,
            ["atLeast5Ms"] = slow,
            ["journaledP50Ms"] = BenchReport.Round(durableP50, 3),
            ["journaledP99Ms"] = BenchReport.Round(durableP99, 3),
            ["journaledMaxMs"] = BenchReport.Round(durableMax, 3),
            ["journaledSamples"] = durable.Count,
            ["siloCores"] = BenchReport.Round(cpu.ProcessSeconds / elapsed, 2),
            ["postgresCores"] = BenchReport.Round(cpu.PostgresSeconds / elapsed, 2),
            ["inputLogRowsPerSecond"] = BenchReport.Round(log.Rows / elapsed),
            ["inputLogInputsPerSecond"] = BenchReport.Round(log.Inputs / elapsed),
            ["inputLogBytesPerDeliveredQuote"] = BenchReport.Round((double)log.Bytes / Math.Max(1, delivered), 2),
            ["gcCollections"] = new { gen0 = gc.Gen0, gen1 = gc.Gen1, gen2 = gc.Gen2 },
            ["gcPauseMsPerSecond"] = BenchReport.Round(gc.PauseMs / elapsed, 2),
            ["allocatedMbPerSecond"] = BenchReport.Round(gc.AllocatedMb / elapsed),
            ["outOfOrder"] = publisher.OutOfOrder,
            ["failedPublishes"] = publisher.Failed,
            ["slowScenario"] = slowScenario,
        });
    }

    /// <summary>The slow scenario: how far behind it was when publishing stopped, then how long it took to
    /// take every published quote from the tape. (That it then decides exactly as a replay of its inputs is
    /// FeedDeliveryTests' business: a replay runs the same slow strategy.)</summary>
    private static async Task<object> SlowScenarioAsync(LiveCluster cluster, long caughtUpDuringRun, TimeSpan patience)
    {
        var scenario = cluster.Silo.Grains.GetGrain<IScenarioGrain>(SyntheticMarket.SlowScenarioId);
        var behind = (await scenario.GetSummary())!;
        BenchReport.Line($"slow scenario    behind by {behind.LagQuotes:N0} quotes ({behind.LagSeconds:F1} s) when publishing stopped; {caughtUpDuringRun:N0} quotes read back from the tape during the run");

        // Caught up: nothing waits for it and it took nothing more over the last poll.
        var clock = Stopwatch.StartNew();
        var (summary, previous) = (behind, -1L);
        while (clock.Elapsed < patience && (summary.LagQuotes != 0 || summary.QuotesProcessed != previous))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            previous = summary.QuotesProcessed;
            summary = (await scenario.GetSummary())!;
        }

        var caughtUp = summary.LagQuotes == 0 && summary.QuotesProcessed == previous;
        var caughtUpSeconds = clock.Elapsed.TotalSeconds - 1;
        BenchReport.Line(caughtUp
            ? $"                 caught up within {caughtUpSeconds:F0} s: {summary.QuotesProcessed:N0} quotes, {summary.Decisions:N0} decisions, {behind.QuotesProcessed:N0} quotes when publishing stopped"
            : $"                 still {summary.LagQuotes:N0} quotes behind after {clock.Elapsed.TotalSeconds:F0} s");
        return new
        {
            lagQuotesAtStop = behind.LagQuotes,
            lagSecondsAtStop = BenchReport.Round(behind.LagSeconds, 1),
            quotesReadBackDuringRun = caughtUpDuringRun,
            caughtUpSeconds = caughtUp ? BenchReport.Round(caughtUpSeconds, 0) : (double?)null,
            quotesProcessed = summary.QuotesProcessed,
            decisions = summary.Decisions,
        };
    }

    // One line a second: where the slow batches fall, next to what the GC did in the same second.
    private static async Task TraceAsync(Grains.Telemetry.LatencyHistogram histogram, double seconds)
    {
        long count = histogram.Count, slow = histogram.CountAtLeast(5_000_000);
        var gc = GcActivity.Now();
        for (var second = 1; second <= (int)seconds; second++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            long countNow = histogram.Count, slowNow = histogram.CountAtLeast(5_000_000);
            var gcNow = GcActivity.Now();
            var delta = gcNow - gc;
            BenchReport.Line($"  t={second,3} s  batches {countNow - count,7:N0}  ≥5 ms {slowNow - slow,6:N0}  GC {delta.Gen0,2} gen0 {delta.Gen1,2} gen1 {delta.Gen2} gen2, paused {delta.PauseMs,6:F1} ms");
            (count, slow, gc) = (countNow, slowNow, gcNow);
        }
    }
}
