using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Group commit for the decision journal. Scenarios hand over their decisions and await the commit
/// (write-ahead: a delivery is acknowledged only once its decisions are durable), but all the
/// appends that arrive while one transaction is in flight go together in the next one. So the
/// number of fsyncs stays bounded however many scenarios decide at once, instead of one
/// transaction (and one pooled connection) per deciding scenario.
/// </summary>
public sealed class DecisionJournalWriter(DecisionJournal journal) : BackgroundService
{
    private const int MaxAppendsPerCommit = 512;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the decisions are committed; faults if the commit failed (nothing was written then, or
    /// everything was: appends are idempotent, so the caller simply retries).</summary>
    public Task AppendAsync(string scenarioId, IReadOnlyList<JournalEntry> entries)
    {
        var pending = new PendingAppend(new JournalAppend(scenarioId, entries.ToArray()), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.SetException(new InvalidOperationException("the decision journal writer has stopped"));
        }

        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingAppend>(MaxAppendsPerCommit);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (group.Count < MaxAppendsPerCommit && _queue.Reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                await CommitAsync(group, stoppingToken);
                group.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: one last commit for whoever is still waiting.
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            await CommitAsync(group, CancellationToken.None);
        }
    }

    private async Task CommitAsync(List<PendingAppend> group, CancellationToken cancellationToken)
    {
        if (group.Count == 0)
        {
            return;
        }

        try
        {
            await journal.AppendAsync(group.Select(p => p.Append).ToArray(), cancellationToken);
            foreach (var pending in group)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in group)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private sealed record PendingAppend(JournalAppend Append, TaskCompletionSource Done);
}
