namespace Aegis.Grains.Live;

/// <summary>
/// Retries an idempotent grain call that failed for a reason that passes: a timeout (the callee waits
/// for the database longer than the call may take), a message rejected or a silo gone (the callee's
/// silo died and membership has not moved it yet), the database away, or quotes not yet in the tape
/// (its silo is stopping). The first retry comes after
/// <see cref="FirstDelay"/>, each later wait is twice the one before up to <see cref="MaxDelay"/>, and
/// it goes on until the call succeeds or the caller cancels: an outage slows the caller, it never
/// ends its work. Any other exception is a bug and propagates at once.
/// </summary>
public sealed class TransientCallRetry(TimeProvider time)
{
    public static TimeSpan FirstDelay { get; } = TimeSpan.FromMilliseconds(100);

    public static TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="exception"/> is a failure that a later try may not meet.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is TimeoutException or OrleansMessageRejectionException or SiloUnavailableException
            or Npgsql.NpgsqlException or Persistence.TapeNotDurableException;

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1-based).</summary>
    public static TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);

        // Doubling past the cap would overflow long before the count does: stop doubling at the cap.
        var delay = FirstDelay;
        for (var i = 1; i < failures && delay < MaxDelay; i++)
        {
            delay *= 2;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>
    /// Runs <paramref name="call"/> until it returns, calling <paramref name="failed"/> with each
    /// transient failure and the wait before the next try.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting to retry.</exception>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, Action<Exception, TimeSpan>? failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var failures = 0;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                failures++;
                var delay = DelayAfter(failures);
                failed?.Invoke(ex, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }
}
