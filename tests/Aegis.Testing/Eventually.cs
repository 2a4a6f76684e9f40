using System.Diagnostics;

namespace Aegis.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time; a timeout names what was awaited.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        Exception? lastError = null;
        while (clock.Elapsed < deadline)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lastError = ex;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"timed out after {deadline.TotalSeconds:0} s waiting for {what}; last value: {last?.ToString() ?? "none"}; last error: {lastError?.Message ?? "none"}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan deadline, string what) =>
        UntilAsync(probe, ok => ok, deadline, what);
}
