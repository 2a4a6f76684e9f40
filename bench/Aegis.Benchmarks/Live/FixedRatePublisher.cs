using System.Diagnostics;
using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Benchmarks.Live;

/// <summary>
/// Publishes at a fixed rate: every 1 ms tick, rate/1000 quotes spread round-robin over the
/// instruments, one batch per instrument per tick. Ticks missed (timer slack, a busy machine) are
/// caught up at once so the average rate holds; the calls are not awaited one by one, only capped
/// at <see cref="MaxInFlight"/> outstanding (beyond that the tick waits and the rate drops, visibly).
/// </summary>
public sealed class FixedRatePublisher(LiveCluster cluster, double quotesPerSecond)
{
    private const int MaxInFlight = 20_000;
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight);
    private long _published;
    private long _outOfOrder;
    private long _failed;

    public long Published => Interlocked.Read(ref _published);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long Failed => Interlocked.Read(ref _failed);

    public async Task RunAsync(CancellationToken stop)
    {
        var instruments = cluster.Market.Instruments.Count;
        var feeds = Enumerable.Range(0, instruments).Select(cluster.Feed).ToArray();
        var perTick = new int[instruments];
        var clock = Stopwatch.StartNew();
        double owed = 0;
        long ticks = 0;
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)clock.Elapsed.TotalMilliseconds;
            for (; ticks < due && !stop.IsCancellationRequested; ticks++)
            {
                owed += quotesPerSecond / 1000.0;
                var quotes = (int)owed;
                owed -= quotes;
                Array.Clear(perTick);
                for (var q = 0; q < quotes; q++)
                {
                    perTick[next]++;
                    next = (next + 1) % instruments;
                }

                for (var i = 0; i < instruments; i++)
                {
                    if (perTick[i] > 0)
                    {
                        await _inFlight.WaitAsync(CancellationToken.None);
                        _ = PublishAsync(feeds[i], cluster.Market.Feeds[i].Next(perTick[i]));
                    }
                }
            }

            await Task.Delay(1, CancellationToken.None);
        }

        for (var i = 0; i < MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(CancellationToken.None);
        }
    }

    private async Task PublishAsync(IInstrumentFeedGrain feed, Quote[] quotes)
    {
        try
        {
            var result = await feed.Publish(new QuoteBatch(quotes));
            Interlocked.Add(ref _published, quotes.Length);
            Interlocked.Add(ref _outOfOrder, result.OutOfOrder + result.Duplicates);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
