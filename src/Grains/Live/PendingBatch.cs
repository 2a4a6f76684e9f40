using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>One accepted feed batch on its way to every watching scenario; done when each of them
/// has acknowledged it (or been given up on). Used only inside the feed's activation, so unsynchronized.</summary>
internal sealed class PendingBatch
{
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private int _failed;

    public PendingBatch(QuoteBatch batch, int deliveries)
    {
        Batch = batch;
        _remaining = deliveries;
        if (deliveries == 0)
        {
            _done.SetResult(0);
        }
    }

    public QuoteBatch Batch { get; }

    /// <summary>Completes with the number of scenarios the batch could not be delivered to.</summary>
    public Task<int> Done => _done.Task;

    public void Delivered(bool succeeded)
    {
        if (!succeeded)
        {
            _failed++;
        }

        if (--_remaining == 0)
        {
            _done.SetResult(_failed);
        }
    }
}
