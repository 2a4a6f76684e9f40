using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;

namespace Aegis.Benchmarks.Live;

/// <summary>
/// <c>live-throughput</c>: publish synthetic batches to the feeds as fast as the silo takes them
/// (each worker owns a fixed set of instruments, so sequences arrive in order), then, in the same run
/// and with the same concurrency, the raw rate of trivial grain calls over as many grains as there
/// are feeds plus scenarios. Reports deliveries/s ÷ raw calls/s.
/// </summary>
public static class LiveThroughput
{
    public static async Task RunAsync(BenchArgs args)
    {
        var instruments = args.Int("instruments", 200);
        var scenarios = args.Int("scenarios", 100);
        var perScenario = args.Int("per-scenario", 10);
        var seconds = args.Double("seconds", 30);
        var warmup = args.Double("warmup", 10);
        var batch = args.Int("batch", 100);
        var concurrency = Math.Min(args.Int("concurrency", 64), instruments);
        var baselineSeconds = args.Double("baseline-seconds", seconds);
        var maxOrdersPerMinute = args.Int("max-orders-per-minute", SyntheticMarket.DefaultMaxOrdersPerMinute);
        args.EnsureAllUsed();

        await using var cluster = await LiveCluster.StartAsync(instruments, scenarios, perScenario, maxOrdersPerMinute);

        // The baseline runs first, on the fresh silo: after minutes of overload the silo can stall
        // for a while (see docs/benchmarks.md), which would measure the stall, not grain calls.
        var pingGrains = instruments + scenarios;
        var (rawCallsPerSecond, rawCallsTimedOut) = (double.NaN, 0L);
        if (baselineSeconds > 0)
        {
            BenchReport.Line($"baseline: IPingGrain.Ping over {pingGrains} grains, {concurrency} concurrent callers, {baselineSeconds} s");
            (rawCallsPerSecond, rawCallsTimedOut) = await PingRateAsync(cluster.Silo.Grains, pingGrains, concurrency, warmup: Math.Min(warmup, 3), baselineSeconds);
            BenchReport.Line("baseline done");
        }

        BenchReport.Line($"publishing batches of {batch} with {concurrency} concurrent publishers: warm-up {warmup} s, then {seconds} s");
        using var stop = new CancellationTokenSource();
        var publishers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => PublishLoopAsync(cluster, w, concurrency, batch, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(warmup));

        var start = ProcessSample.Take(cluster.Tape.Backlog);
        long accepted0 = cluster.Metrics.QuotesAccepted, delivered0 = cluster.Metrics.Deliveries, decisions0 = cluster.Decisions.Total, throttled0 = cluster.OrdersThrottled.Total, written0 = cluster.Tape.Written;
        var wal0 = await cluster.WalBytesAsync();
        var maxBacklog = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(100);
            maxBacklog = Math.Max(maxBacklog, cluster.Tape.Backlog);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        long accepted = cluster.Metrics.QuotesAccepted - accepted0, delivered = cluster.Metrics.Deliveries - delivered0;
        long decisions = cluster.Decisions.Total - decisions0, written = cluster.Tape.Written - written0;
        var throttled = cluster.OrdersThrottled.Total - throttled0;
        var end = ProcessSample.Take(cluster.Tape.Backlog);
        var walPerSecond = (await cluster.WalBytesAsync() - wal0) / elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(publishers);
        BenchReport.Line("publishers stopped; draining the tape");
        var leftAfterDrain = await cluster.DrainTapeAsync(TimeSpan.FromSeconds(60));

        var quotesPerSecond = accepted / elapsed;
        var deliveriesPerSecond = delivered / elapsed;
        var ratio = deliveriesPerSecond / rawCallsPerSecond;
        BenchReport.Line($"quotes ingested  {quotesPerSecond,12:N0} /s");
        BenchReport.Line($"deliveries       {deliveriesPerSecond,12:N0} /s  ({delivered:N0} in {elapsed:F1} s)");
        BenchReport.Line($"decisions        {decisions,12:N0}      ({decisions / elapsed:N0} /s)");
        BenchReport.Line($"orders throttled {throttled,12:N0}      ({throttled / elapsed:N0} /s; limit {maxOrdersPerMinute:N0} orders per minute per scenario)");
        BenchReport.Line($"tape written     {written / elapsed,12:N0} /s  backlog at end {end.TapeBacklog:N0}, max {maxBacklog:N0}, after drain {leftAfterDrain:N0}");
        BenchReport.Line($"database WAL     {walPerSecond / 1e6,12:N1} MB/s");
        BenchReport.Line($"memory           working set {start.WorkingSetMb:N0} -> {end.WorkingSetMb:N0} MB, GC heap {start.GcHeapMb:N0} -> {end.GcHeapMb:N0} MB");
        BenchReport.Line($"raw grain calls  {rawCallsPerSecond,12:N0} /s  ({rawCallsTimedOut:N0} calls timed out or expired)");
        BenchReport.Line($"deliveries/s ÷ raw calls/s = {ratio:F2}");
        BenchReport.Line($"worst out-of-order span a scenario processed (arrival order, exchange time): {cluster.Metrics.WorstOutOfOrderNs / 1e6:F1} ms");

        BenchReport.Result("live-throughput", new Dictionary<string, object?>
        {
            ["parameters"] = new { instruments, scenarios, perScenario, seconds, warmup, batch, concurrency, maxOrdersPerMinute },
            ["quotesPerSecond"] = BenchReport.Round(quotesPerSecond),
            ["deliveriesPerSecond"] = BenchReport.Round(deliveriesPerSecond),
            ["decisions"] = decisions,
            ["decisionsPerSecond"] = BenchReport.Round(decisions / elapsed),
            ["ordersThrottledPerSecond"] = BenchReport.Round(throttled / elapsed),
            ["tapeWrittenPerSecond"] = BenchReport.Round(written / elapsed),
            ["tapeBacklogEnd"] = end.TapeBacklog,
            ["tapeBacklogMax"] = maxBacklog,
            ["tapeBacklogAfterDrain"] = leftAfterDrain,
            ["walBytesPerSecond"] = BenchReport.Round(walPerSecond),
            ["memoryStart"] = start,
            ["memoryEnd"] = end,
            ["rawGrainCallsPerSecond"] = BenchReport.Round(rawCallsPerSecond),
            ["rawGrainCallsTimedOut"] = rawCallsTimedOut,
            ["deliveriesPerRawCall"] = BenchReport.Round(ratio, 3),
            ["worstOutOfOrderNs"] = cluster.Metrics.WorstOutOfOrderNs,
        });
    }

    private static async Task PublishLoopAsync(LiveCluster cluster, int worker, int workers, int batch, CancellationToken stop)
    {
        var owned = Enumerable.Range(0, cluster.Market.Instruments.Count).Where(i => i % workers == worker).ToArray();
        var feeds = owned.Select(cluster.Feed).ToArray();
        var sources = owned.Select(i => cluster.Market.Feeds[i]).ToArray();
        for (var n = 0; !stop.IsCancellationRequested; n = (n + 1) % owned.Length)
        {
            await feeds[n].Publish(new(sources[n].Next(batch)));
        }
    }

    /// <summary>Raw grain calls per second: <paramref name="concurrency"/> callers, each looping over its share of the grains.</summary>
    public static Task<ClosedLoopResult> PingRateAsync(IGrainFactory grains, int grainCount, int concurrency, double warmup, double seconds)
    {
        var pings = Enumerable.Range(0, grainCount).Select(i => grains.GetGrain<IPingGrain>(i)).ToArray();
        return ClosedLoop.RateAsync(concurrency, grainCount, warmup, seconds, (i, _) => new ValueTask(pings[i].Ping()));
    }
}
