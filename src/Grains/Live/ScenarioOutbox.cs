using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Live;

/// <summary>
/// A feed's deliveries to one scenario, in order, one call at a time. While a call is out (the
/// scenario may be waiting for its journal commit), later batches queue and then go together in one
/// call. So a scenario that is busy delays only its own quotes, never the other scenarios on the
/// feed. Calls that fail because the scenario's silo went away are retried until the scenario answers
/// from its new activation (it drops what it already processed by sequence). Lives inside the feed's
/// activation: every method runs on its scheduler, one turn at a time, so nothing is locked.
/// </summary>
internal sealed partial class ScenarioOutbox(string scenarioId, IScenarioGrain scenario, ILogger logger, TimeProvider time)
{
    private const int MaxQuotesPerCall = 10_000;
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    private readonly Queue<PendingBatch> _queue = new();
    private bool _pumping;
    private bool _abandoned;

    public string ScenarioId { get; } = scenarioId;

    public void Enqueue(PendingBatch batch)
    {
        if (_abandoned)
        {
            batch.Delivered(false);
            return;
        }

        _queue.Enqueue(batch);
        if (!_pumping)
        {
            _pumping = true;
            _ = PumpAsync();
        }
    }

    /// <summary>The scenario unsubscribed: whatever is still queued for it is settled as not delivered.</summary>
    public void Abandon()
    {
        _abandoned = true;
        while (_queue.TryDequeue(out var batch))
        {
            batch.Delivered(false);
        }
    }

    private async Task PumpAsync()
    {
        var taken = new List<PendingBatch>();
        try
        {
            while (_queue.Count > 0)
            {
                var quotes = 0;
                while (_queue.TryPeek(out var next) && (taken.Count == 0 || quotes + next.Batch.Quotes.Length <= MaxQuotesPerCall))
                {
                    taken.Add(_queue.Dequeue());
                    quotes += next.Batch.Quotes.Length;
                }

                var delivered = await DeliverAsync(taken.Count == 1 ? taken[0].Batch : Merge(taken, quotes));
                foreach (var batch in taken)
                {
                    batch.Delivered(delivered);
                }

                taken.Clear();
            }
        }
        finally
        {
            // Only reached with an empty queue; anything taken is settled above (DeliverAsync never throws).
            _pumping = false;
        }
    }

    private async Task<bool> DeliverAsync(QuoteBatch batch)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await scenario.OnQuotes(batch);
                return true;
            }
            catch (Exception ex) when (IsTransient(ex) && !_abandoned && time.GetElapsedTime(started) < RetryFor)
            {
                LogRetrying(logger, ScenarioId, delay.TotalMilliseconds, ex.GetBaseException().Message);
                await Task.Delay(delay, time);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogDropped(logger, ScenarioId, batch.Quotes.Length, ex.GetBaseException().Message);
                return false;
            }
        }
    }

    // A silo that died or is shutting down, or a call that timed out: the scenario will answer again
    // once it is reactivated elsewhere. Anything else (the scenario itself failed) is not retried.
    private static bool IsTransient(Exception ex) => ex is OrleansMessageRejectionException or TimeoutException;

    private static QuoteBatch Merge(List<PendingBatch> batches, int quotes)
    {
        var merged = new Quote[quotes];
        var at = 0;
        foreach (var batch in batches)
        {
            batch.Batch.Quotes.CopyTo(merged, at);
            at += batch.Batch.Quotes.Length;
        }

        return new QuoteBatch(merged);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to scenario {ScenarioId} failed, retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string scenarioId, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} quotes could not be delivered to scenario {ScenarioId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string scenarioId, int count, string reason);
}
