using System.Diagnostics;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>Closed-loop load: a fixed number of callers, each looping over its share of the keys, measured after a warm-up.</summary>
public static class ClosedLoop
{

    /// <summary>Operations per second: <paramref name="writers"/> loops, each over its share of the ids.</summary>
    public static async Task<ClosedLoopResult> RateAsync(int writers, int ids, double warmup, double seconds, Func<int, CancellationToken, ValueTask> operation)
    {
        long done = 0, timedOut = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, ids).Where(i => i % writers == w).ToArray();
            for (var n = 0; !stop.IsCancellationRequested; n = (n + 1) % mine.Length)
            {
                try
                {
                    await operation(mine[n], CancellationToken.None);
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansMessageRejectionException)
                {
                    // A saturated silo can leave a call unanswered past the response timeout, or expire it in
                    // its queue: count it, go on.
                    Interlocked.Increment(ref timedOut);
                    continue;
                }

                if (Volatile.Read(ref measuring))
                {
                    Interlocked.Increment(ref done);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed.TotalSeconds;
        var total = Interlocked.Read(ref done);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        return new ClosedLoopResult(total / elapsed, Interlocked.Read(ref timedOut));
    }
}
