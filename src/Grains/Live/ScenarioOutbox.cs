using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Live;

/// <summary>
/// A feed's deliveries to one scenario, in order. Two loops share the ordered list of batches:
/// the sender hands queued batches to the scenario, one call at a time (batches that queued while a
/// call was out go together in the next), and the scenario answers as soon as it has processed them;
/// the settler asks the scenario when the decisions those batches caused are journaled and only then
/// settles them. So a slow journal commit delays the acknowledgement of a publish, never the next
/// quotes. If the scenario's activation dies before its decisions are journaled, every unsettled
/// batch is sent again, oldest first, to the new activation (which drops what its journal already
/// holds by sequence); the scenario refuses a batch that expects an activation it is not, so nothing
/// newer overtakes them. Calls that fail because the scenario's silo went away are retried until it
/// answers. Lives inside the feed's activation: every method runs on its scheduler, one turn at a
/// time, so nothing is locked.
/// </summary>
internal sealed partial class ScenarioOutbox(string scenarioId, IScenarioGrain scenario, ILogger logger, TimeProvider time)
{
    private const int MaxQuotesPerCall = 10_000;

    // Processed but not journaled yet: beyond this the sender waits for the journal, which bounds the
    // scenario's lead over its journal (and what it must process again after a crash).
    private const int MaxUnsettledQuotes = 50_000;

    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan JournalRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly List<Delivery> _deliveries = [];
    private Guid _activation;

    // Changes whenever unsettled batches are put back to be sent again; answers to calls made before are void.
    private int _epoch;
    private Task? _sending;
    private Task? _settling;
    private bool _abandoned;

    public string ScenarioId { get; } = scenarioId;

    public void Enqueue(PendingBatch batch)
    {
        if (_abandoned)
        {
            batch.Delivered(false);
            return;
        }

        _deliveries.Add(new Delivery(batch));
        EnsureSending();
    }

    /// <summary>The scenario unsubscribed: whatever it has not settled is settled as not delivered.</summary>
    public void Abandon()
    {
        _abandoned = true;
        foreach (var delivery in _deliveries)
        {
            delivery.Batch.Delivered(false);
        }

        _deliveries.Clear();
    }

    private async Task SendAsync()
    {
        try
        {
            while (!_abandoned && FirstQueued() is var first and >= 0)
            {
                if (UnsettledQuotes() >= MaxUnsettledQuotes)
                {
                    EnsureSettling();
                    if (_settling is { } settling)
                    {
                        await settling;
                    }

                    continue;
                }

                var (taken, quotes) = Take(first);
                var epoch = _epoch;
                QuoteBatchReceipt? receipt;
                try
                {
                    receipt = await scenario.OnQuotes(Merge(taken, quotes), _activation);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The failed call may have been processed: these batches then wait for everything decided since.
                    taken.ForEach(d => d.Retried = true);
                    receipt = await RetryAsync(ex, () => scenario.OnQuotes(Merge(taken, quotes), _activation), quotes);
                }

                if (epoch != _epoch || _abandoned)
                {
                    // Unsettled batches were put back meanwhile; these go again after them.
                    Requeue(taken);
                    continue;
                }

                if (receipt is null)
                {
                    Fail(taken);
                }
                else if (!receipt.Processed)
                {
                    ResendAll();
                }
                else
                {
                    _activation = receipt.Activation;
                    foreach (var delivery in taken)
                    {
                        delivery.Sent(receipt.Activation, delivery.Retried ? receipt.DecidedSequence : receipt.RequiredSequence);
                    }

                    Settle(receipt.Activation, receipt.JournaledSequence);
                    if (HasUnsettled())
                    {
                        EnsureSettling();
                    }
                }
            }
        }
        finally
        {
            _sending = null;
        }
    }

    private async Task SettleAsync()
    {
        try
        {
            while (!_abandoned && HighestRequired(_activation) is var required and > 0)
            {
                var epoch = _epoch;
                var activation = _activation;
                JournalProgress? progress;
                try
                {
                    progress = await scenario.WaitJournaled(activation, required);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    progress = await RetryAsync(ex, () => scenario.WaitJournaled(activation, required), 0);
                }

                if (epoch != _epoch || _abandoned)
                {
                    continue;
                }

                if (progress is null)
                {
                    Fail(_deliveries.FindAll(d => d.State == DeliveryState.Processed));
                }
                else if (progress.Activation != activation)
                {
                    ResendAll();
                }
                else
                {
                    Settle(activation, progress.JournaledSequence);
                    if (progress.JournaledSequence < required)
                    {
                        // A commit attempt failed (database away): the scenario retries on its own; ask again
                        // later. Until then the publish stays unacknowledged, so its publisher slows down
                        // rather than let quotes whose decisions could still be lost count as delivered.
                        await Task.Delay(JournalRetryDelay, time);
                    }
                }
            }
        }
        finally
        {
            _settling = null;
        }
    }

    /// <summary>
    /// Retries a call that failed with <paramref name="failure"/> while the failure is transient; null when it
    /// failed for good (the scenario itself threw, or its silo stayed away). Kept off the path of calls that
    /// succeed the first time, which is nearly all of them.
    /// </summary>
    private async Task<T?> RetryAsync<T>(Exception failure, Func<Task<T>> call, int quotes) where T : class
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        for (var ex = failure; ; )
        {
            if (!IsTransient(ex) || _abandoned || time.GetElapsedTime(started) >= RetryFor)
            {
                LogDropped(logger, ScenarioId, quotes, ex.GetBaseException().Message);
                return null;
            }

            LogRetrying(logger, ScenarioId, delay.TotalMilliseconds, ex.GetBaseException().Message);
            await Task.Delay(delay, time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            try
            {
                return await call();
            }
            catch (Exception next) when (next is not OutOfMemoryException)
            {
                ex = next;
            }
        }
    }

    // A silo that died or is shutting down, or a call that timed out: the scenario will answer again
    // once it is reactivated elsewhere. Anything else (the scenario itself failed) is not retried.
    private static bool IsTransient(Exception ex) => ex is OrleansMessageRejectionException or TimeoutException;

    private int FirstQueued() => _deliveries.FindIndex(d => d.State == DeliveryState.Queued);

    private (List<Delivery> Taken, int Quotes) Take(int first)
    {
        var taken = new List<Delivery>();
        var quotes = 0;
        for (var i = first; i < _deliveries.Count && _deliveries[i].State == DeliveryState.Queued; i++)
        {
            var length = _deliveries[i].Batch.Batch.Quotes.Length;
            if (taken.Count > 0 && quotes + length > MaxQuotesPerCall)
            {
                break;
            }

            _deliveries[i].State = DeliveryState.Sending;
            taken.Add(_deliveries[i]);
            quotes += length;
        }

        return (taken, quotes);
    }

    private bool HasUnsettled() => _deliveries.Exists(d => d.State == DeliveryState.Processed);

    private int UnsettledQuotes()
    {
        var quotes = 0;
        foreach (var delivery in _deliveries)
        {
            quotes += delivery.State == DeliveryState.Processed ? delivery.Batch.Batch.Quotes.Length : 0;
        }

        return quotes;
    }

    private long HighestRequired(Guid activation)
    {
        long highest = 0;
        foreach (var delivery in _deliveries)
        {
            if (delivery.State == DeliveryState.Processed && delivery.Activation == activation)
            {
                highest = Math.Max(highest, delivery.RequiredSequence);
            }
        }

        return highest;
    }

    /// <summary>Settles the batches that activation processed whose decisions are journaled.</summary>
    private void Settle(Guid activation, long journaled)
    {
        var kept = 0;
        for (var i = 0; i < _deliveries.Count; i++)
        {
            var delivery = _deliveries[i];
            if (delivery.State == DeliveryState.Processed && delivery.Activation == activation && delivery.RequiredSequence <= journaled)
            {
                delivery.Batch.Delivered(true);
            }
            else
            {
                _deliveries[kept++] = delivery;
            }
        }

        _deliveries.RemoveRange(kept, _deliveries.Count - kept);
    }

    private void Fail(List<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            delivery.Batch.Delivered(false);
            _deliveries.Remove(delivery);
        }
    }

    private static void Requeue(List<Delivery> deliveries)
    {
        foreach (var delivery in deliveries.Where(d => d.State == DeliveryState.Sending))
        {
            delivery.Requeue();
        }
    }

    /// <summary>
    /// The scenario answered from a new activation: what the old one processed without journaling is
    /// gone, so every batch not yet settled is sent again in order, to whichever activation answers.
    /// </summary>
    private void ResendAll()
    {
        LogResending(logger, ScenarioId, _deliveries.Count(d => d.State != DeliveryState.Queued));
        _epoch++;
        _activation = Guid.Empty;
        foreach (var delivery in _deliveries)
        {
            delivery.Requeue();
        }

        EnsureSending();
    }

    // Both loops may finish without ever awaiting; a finished loop is never kept as running.
    private void EnsureSending()
    {
        if (_sending is null)
        {
            var sending = SendAsync();
            _sending = sending.IsCompleted ? null : sending;
        }
    }

    private void EnsureSettling()
    {
        if (_settling is null)
        {
            var settling = SettleAsync();
            _settling = settling.IsCompleted ? null : settling;
        }
    }

    private static QuoteBatch Merge(List<Delivery> deliveries, int quotes)
    {
        if (deliveries.Count == 1)
        {
            return deliveries[0].Batch.Batch;
        }

        var merged = new Quote[quotes];
        var at = 0;
        foreach (var delivery in deliveries)
        {
            delivery.Batch.Batch.Quotes.CopyTo(merged, at);
            at += delivery.Batch.Batch.Quotes.Length;
        }

        return new QuoteBatch(merged);
    }

    private enum DeliveryState
    {
        Queued,
        Sending,
        Processed,
    }

    private sealed class Delivery(PendingBatch batch)
    {
        public PendingBatch Batch { get; } = batch;

        public DeliveryState State { get; set; }

        public Guid Activation { get; private set; }

        public long RequiredSequence { get; private set; }

        public bool Retried { get; set; }

        public void Sent(Guid activation, long requiredSequence)
        {
            State = DeliveryState.Processed;
            Activation = activation;
            RequiredSequence = requiredSequence;
        }

        public void Requeue()
        {
            State = DeliveryState.Queued;
            Activation = Guid.Empty;
            RequiredSequence = 0;
            Retried = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to scenario {ScenarioId} failed, retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string scenarioId, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scenario {ScenarioId} answered from a new activation: sending {Count} unsettled batches again")]
    private static partial void LogResending(ILogger logger, string scenarioId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} quotes could not be delivered to scenario {ScenarioId}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string scenarioId, int count, string reason);
}
