namespace Aegis.Domain.Strategies;

/// <summary>
/// Fixed-size window of doubles with O(1) mean and standard deviation. The running sums are
/// recomputed from the buffer each time it wraps so floating-point drift cannot accumulate over a
/// long session (and the result depends only on the inputs, never on how long the process ran).
/// </summary>
internal sealed class RollingWindow
{
    private readonly double[] values;
    private int next;
    private int count;
    private double sum;
    private double sumSquares;

    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        values = new double[capacity];
    }

    public int Count => count;

    public bool IsFull => count == values.Length;

    public double Mean => count == 0 ? 0d : sum / count;

    /// <summary>Sample standard deviation (n − 1); 0 with fewer than two values.</summary>
    public double StandardDeviation
    {
        get
        {
            if (count < 2)
            {
                return 0d;
            }

            var variance = (sumSquares - (sum * sum / count)) / (count - 1);
            return variance > 0d ? Math.Sqrt(variance) : 0d;
        }
    }

    public void Add(double value)
    {
        if (count == values.Length)
        {
            var old = values[next];
            sum -= old;
            sumSquares -= old * old;
        }
        else
        {
            count++;
        }

        values[next] = value;
        sum += value;
        sumSquares += value * value;
        if (++next == values.Length)
        {
            next = 0;
            Recompute();
        }
    }

    /// <summary>
    /// The <see cref="Mean"/> a window of <paramref name="capacity"/> gives after each of <paramref name="values"/>, written
    /// to <paramref name="means"/>: the same additions, subtractions and re-sums as <see cref="Add"/>, in the same order,
    /// so every value is bit for bit what the window gives, without its buffer or the sum of squares.
    /// </summary>
    public static void Means(ReadOnlySpan<double> values, int capacity, Span<double> means)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(means.Length, values.Length);
        var sum = 0d;
        var count = 0;
        var sinceWrap = 0;
        for (var k = 0; k < values.Length; k++)
        {
            if (count == capacity)
            {
                sum -= values[k - capacity];
            }
            else
            {
                count++;
            }

            sum += values[k];
            if (++sinceWrap == capacity)
            {
                // The buffer wraps: it re-sums its values in storage order, which is oldest first here.
                sinceWrap = 0;
                sum = 0d;
                foreach (var value in values.Slice(k - capacity + 1, capacity))
                {
                    sum += value;
                }
            }

            means[k] = sum / count;
        }
    }

    /// <summary>The buffer in storage order plus the write index, so a restored window wraps (and re-sums) exactly when the original would.</summary>
    public RollingWindowState Save() => new(values[..count], next, sum, sumSquares);

    /// <summary>Rebuilds a window; <see langword="null"/> when the saved one does not fit <paramref name="capacity"/>.</summary>
    public static RollingWindow? Restore(int capacity, RollingWindowState? state)
    {
        if (state?.Values is null || state.Values.Length > capacity || state.Next < 0 || state.Next >= capacity
            || (state.Values.Length < capacity && state.Next != state.Values.Length))
        {
            return null;
        }

        var window = new RollingWindow(capacity);
        Array.Copy(state.Values, window.values, state.Values.Length);
        window.count = state.Values.Length;
        window.next = state.Next;
        // Keep the saved sums bit for bit: recomputing them would round differently from the uninterrupted run.
        window.sum = state.Sum;
        window.sumSquares = state.SumSquares;
        return window;
    }

    private void Recompute()
    {
        sum = 0d;
        sumSquares = 0d;
        for (var i = 0; i < count; i++)
        {
            sum += values[i];
            sumSquares += values[i] * values[i];
        }
    }
}
