using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Group commit for the decision journal. Scenarios hand over their inputs and decisions and await
/// the commit, but all the appends that arrive while one transaction is in flight go together in the
/// next one, so the number of fsyncs stays bounded however many scenarios decide at once. Tape first:
/// an append whose quotes the tape has not committed yet waits (the local tape writer is asked to
/// write at once) rather than commit decisions that a database crash could leave without their quotes.
/// </summary>
public sealed class DecisionJournalWriter(DecisionJournal journal, TapeProgress tape) : BackgroundService
{
    private const int MaxAppendsPerCommit = 512;
    private static readonly TimeSpan TapeWait = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan TapeGiveUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AskDatabaseAfter = TimeSpan.FromMilliseconds(50);

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the inputs and decisions are committed. Faults if the commit failed (nothing was
    /// written then, or everything was: appends are idempotent, so the caller simply retries), with
    /// <see cref="JournalDivergenceException"/> if the journal already holds something else at these
    /// sequences, and with <see cref="TapeNotDurableException"/> if the tape did not get their quotes in time.</summary>
    public Task AppendAsync(JournalAppend append)
    {
        var pending = new PendingAppend(append, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), System.Diagnostics.Stopwatch.GetTimestamp());
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.SetException(new InvalidOperationException("the decision journal writer has stopped"));
        }

        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingAppend>(MaxAppendsPerCommit);
        var waiting = new List<PendingAppend>();
        try
        {
            while (waiting.Count > 0 || await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.AddRange(waiting);
                waiting.Clear();
                while (group.Count < MaxAppendsPerCommit && _queue.Reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                await HoldBackUntapedAsync(group, waiting, stoppingToken);
                await CommitAsync(group, stoppingToken);
                group.Clear();
                if (waiting.Count > 0)
                {
                    await Task.Delay(TapeWait, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: one last commit for whoever is still waiting and whose quotes are taped.
            _queue.Writer.TryComplete();
            group.AddRange(waiting);
            while (_queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            waiting.Clear();
            await HoldBackUntapedAsync(group, waiting, CancellationToken.None);
            foreach (var untaped in waiting)
            {
                untaped.Done.TrySetException(new TapeNotDurableException("the silo stopped before the tape committed these quotes"));
            }

            await CommitAsync(group, CancellationToken.None);
        }
    }

    // Moves the appends whose quotes are not known to be taped from the group to waiting; gives up on
    // those that waited too long (the tape writer is failing: the scenario retries later).
    private async Task HoldBackUntapedAsync(List<PendingAppend> group, List<PendingAppend> waiting, CancellationToken cancellationToken)
    {
        if (group.TrueForAll(p => tape.Covers(p.Append)))
        {
            return;
        }

        tape.RequestFlush();
        try
        {
            // This silo's tape writer reports its own commits within a commit window or two; only streams that
            // stay uncovered longer can be another silo's, worth asking the database about.
            var remote = group.Where(p => !tape.Covers(p.Append) && System.Diagnostics.Stopwatch.GetElapsedTime(p.QueuedTicks) >= AskDatabaseAfter).ToList();
            if (remote.Count > 0)
            {
                await tape.RefreshAsync(remote.SelectMany(p => p.Append.Inputs), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The database is away: neither tape nor journal can be written now. Fail the appends
            // that wait for the tape at once (their scenarios retry), rather than hold them.
            for (var i = group.Count - 1; i >= 0; i--)
            {
                if (!tape.Covers(group[i].Append))
                {
                    group[i].Done.TrySetException(ex);
                    group.RemoveAt(i);
                }
            }

            return;
        }

        for (var i = group.Count - 1; i >= 0; i--)
        {
            var pending = group[i];
            if (tape.Covers(pending.Append))
            {
                continue;
            }

            group.RemoveAt(i);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(pending.QueuedTicks) > TapeGiveUp)
            {
                pending.Done.TrySetException(new TapeNotDurableException(
                    $"scenario '{pending.Append.ScenarioId}': quotes of its inputs were not in the tape after {TapeGiveUp.TotalSeconds} s (the tape writer is behind or failing)"));
            }
            else
            {
                waiting.Insert(0, pending);
            }
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
            var diverged = await journal.AppendAsync(group.Select(p => p.Append).ToArray(), cancellationToken);
            foreach (var pending in group)
            {
                if (diverged.TryGetValue(pending.Append.ScenarioId, out var why))
                {
                    pending.Done.TrySetException(new JournalDivergenceException(pending.Append.ScenarioId, why));
                }
                else
                {
                    pending.Done.TrySetResult();
                }
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

    private sealed record PendingAppend(JournalAppend Append, TaskCompletionSource Done, long QueuedTicks);
}
