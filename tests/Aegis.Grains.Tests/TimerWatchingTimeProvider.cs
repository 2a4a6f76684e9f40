using Microsoft.Extensions.Time.Testing;

namespace Aegis.Grains.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that tells when code under test has started a wait, and
/// how long it is: a test advances the clock only once the wait exists, so nothing races.</summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim _created = new(0);
    private readonly List<TimeSpan> _dueTimes = [];

    /// <summary>Due time of every timer created, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_dueTimes)
            {
                return [.. _dueTimes];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_dueTimes)
        {
            _dueTimes.Add(dueTime);
        }

        _created.Release();
        return timer;
    }

    /// <summary>Waits until one more timer has been created than the last time this returned.</summary>
    public async Task WaitForTimerAsync(TimeSpan deadline)
    {
        if (!await _created.WaitAsync(deadline, TestContext.Current.CancellationToken))
        {
            throw new TimeoutException($"no timer was created within {deadline}");
        }
    }
}
