using System.Runtime.CompilerServices;
using Aegis.Grains.Live;

namespace Aegis.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class TransientCallRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Waits_start_at_100_ms_and_double_up_to_5_s()
    {
        var delays = Enumerable.Range(1, 10).Select(TransientCallRetry.DelayAfter).Select(d => (int)d.TotalMilliseconds);

        Assert.Equal([100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000, 5_000], delays);
        Assert.Equal(TimeSpan.FromSeconds(5), TransientCallRetry.DelayAfter(int.MaxValue));
    }

    [Fact]
    public void Timeouts_rejected_messages_and_dead_silos_are_transient_and_nothing_else_is()
    {
        // Orleans makes rejections itself: the constructors are not public.
        var rejected = (Exception)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException));

        Assert.True(TransientCallRetry.IsTransient(new TimeoutException()));
        Assert.True(TransientCallRetry.IsTransient(rejected));
        Assert.True(TransientCallRetry.IsTransient(new SiloUnavailableException()));
        Assert.True(TransientCallRetry.IsTransient(new Aegis.Grains.Persistence.TapeNotDurableException("silo stopping")));
        Assert.False(TransientCallRetry.IsTransient(new OrleansException("other")));
        Assert.False(TransientCallRetry.IsTransient(new InvalidOperationException()));
        Assert.False(TransientCallRetry.IsTransient(new OperationCanceledException()));
    }

    [Fact]
    public async Task Timeouts_and_dead_silos_are_retried_with_backoff_until_the_call_succeeds()
    {
        Exception[] errors =
        [
            new TimeoutException("feed waits for the database"),
            new SiloUnavailableException("silo dead"),
            new TimeoutException("1"), new TimeoutException("2"), new TimeoutException("3"), new TimeoutException("4"), new TimeoutException("5"), new TimeoutException("6"),
        ];
        var clock = new TimerWatchingTimeProvider(Start);
        var attempts = new List<TimeSpan>();
        var reported = new List<(Exception Error, TimeSpan Delay)>();
        Task<int> Call()
        {
            lock (attempts)
            {
                attempts.Add(clock.GetUtcNow() - Start);
                return attempts.Count <= errors.Length ? Task.FromException<int>(errors[attempts.Count - 1]) : Task.FromResult(42);
            }
        }

        var run = new TransientCallRetry(clock).RunAsync(Call, (error, delay) => reported.Add((error, delay)), TestContext.Current.CancellationToken);

        for (var failure = 1; failure <= errors.Length; failure++)
        {
            await clock.WaitForTimerAsync(Deadline);
            var delay = TransientCallRetry.DelayAfter(failure);

            // A tick short of the wait no timer is due, so nothing can have run: not tried again yet.
            clock.Advance(delay - TimeSpan.FromTicks(1));
            lock (attempts)
            {
                Assert.Equal(failure, attempts.Count);
            }

            clock.Advance(TimeSpan.FromTicks(1));
        }

        Assert.Equal(42, await run.WaitAsync(Deadline, TestContext.Current.CancellationToken));
        TimeSpan[] waits = [.. Enumerable.Range(1, errors.Length).Select(TransientCallRetry.DelayAfter)];
        Assert.Equal(waits, clock.DueTimes);
        Assert.Equal(waits.Select((_, i) => waits.Take(i).Aggregate(TimeSpan.Zero, (sum, w) => sum + w)).Append(waits.Aggregate(TimeSpan.Zero, (sum, w) => sum + w)), attempts);
        Assert.Equal(errors, reported.Select(r => r.Error));
        Assert.Equal(waits, reported.Select(r => r.Delay));
    }

    [Fact]
    public async Task Any_other_exception_is_a_bug_and_propagates_without_a_retry()
    {
        var clock = new TimerWatchingTimeProvider(Start);
        var calls = 0;
        var reported = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new TransientCallRetry(clock).RunAsync<int>(
            () =>
            {
                calls++;
                throw new InvalidOperationException("bug");
            },
            (_, _) => reported++,
            TestContext.Current.CancellationToken));

        Assert.Equal("bug", error.Message);
        Assert.Equal(1, calls);
        Assert.Equal(0, reported);
        Assert.Empty(clock.DueTimes);
    }

    [Fact]
    public async Task Cancelling_while_waiting_to_retry_stops_retrying()
    {
        var clock = new TimerWatchingTimeProvider(Start);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var calls = 0;

        var run = new TransientCallRetry(clock).RunAsync(
            () =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException<int>(new TimeoutException("database away"));
            },
            null,
            stop.Token);
        await clock.WaitForTimerAsync(Deadline);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Deadline, TestContext.Current.CancellationToken));
        Assert.Equal(1, calls);
    }
}
