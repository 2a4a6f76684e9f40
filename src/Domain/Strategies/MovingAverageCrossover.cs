using System.Text.Json;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;

namespace Aegis.Domain.Strategies;

/// <summary>
/// Moving-average crossover on quote mids, per instrument. When the fast average crosses above
/// the slow one the target becomes long <c>quantity</c>; when it crosses below, short
/// <c>quantity</c> (or flat when <c>allowShort</c> is false). Nothing is traded until both windows
/// are full and a cross actually happens: a trend already under way at start-up is not chased.
/// Parameters: <c>fast</c>, <c>slow</c> (windows in quotes, fast &lt; slow), <c>quantity</c>, <c>allowShort</c> (default true).
/// Bound to <see cref="PreparedQuotes"/>, it reads both averages from the shared columns instead of keeping windows,
/// and finds its next cross by scanning them.
/// </summary>
public sealed class MovingAverageCrossover : IColumnarStrategy
{
    private readonly Dictionary<string, InstrumentState> states = new(StringComparer.Ordinal);
    private PreparedQuotes? bound;
    private double[][] boundFast = [];
    private double[][] boundSlow = [];
    private int[] boundLastSigns = [];

    public MovingAverageCrossover(int fast, int slow, long quantity, bool allowShort = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fast);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Fast = fast;
        Slow = slow;
        Quantity = quantity;
        AllowShort = allowShort;
    }

    public string Name => StrategyFactory.MovingAverageCrossover;

    public int Fast { get; }

    public int Slow { get; }

    public long Quantity { get; }

    public bool AllowShort { get; }

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (bound is not null)
        {
            throw new InvalidOperationException("a crossover bound to prepared quotes takes them by ordinal (OnQuoteAt)");
        }

        var state = GetState(quote.InstrumentId);
        var mid = (double)quote.Mid;
        state.FastWindow.Add(mid);
        state.SlowWindow.Add(mid);
        if (!state.SlowWindow.IsFull)
        {
            return;
        }

        var lastSign = state.LastSign;
        var crossed = Crosses(Math.Sign(state.FastWindow.Mean - state.SlowWindow.Mean), ref lastSign);
        state.LastSign = lastSign;
        if (crossed)
        {
            TargetPosition.MoveTo(context, quote.InstrumentId, lastSign > 0 ? Quantity : AllowShort ? -Quantity : 0);
        }
    }

    public void Bind(PreparedQuotes quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        if (states.Count > 0 || bound is not null)
        {
            throw new InvalidOperationException("only a crossover that has seen no quote can be bound to prepared quotes");
        }

        bound = quotes;
        var slots = quotes.Instruments.Count;
        boundFast = new double[slots][];
        boundSlow = new double[slots][];
        boundLastSigns = new int[slots];
        for (var slot = 0; slot < slots; slot++)
        {
            boundFast[slot] = quotes.MovingAverages(slot, Fast);
            boundSlow[slot] = quotes.MovingAverages(slot, Slow);
        }
    }

    public int NextActive(int slot, int from, int to)
    {
        var (fast, slow) = (boundFast[slot], boundSlow[slot]);
        var lastSign = boundLastSigns[slot];
        for (var k = Math.Max(from, Slow - 1); k < to; k++)
        {
            if (Crosses(Sign(fast[k] - slow[k]), ref lastSign))
            {
                return k;
            }
        }

        return to;
    }

    public void Pass(int slot, int from, int to)
    {
        // Once a regime is known, quotes without a cross leave it as it is; before, the first non-tie sets it.
        if (boundLastSigns[slot] != 0)
        {
            return;
        }

        var (fast, slow) = (boundFast[slot], boundSlow[slot]);
        for (var k = Math.Max(from, Slow - 1); k < to && boundLastSigns[slot] == 0; k++)
        {
            boundLastSigns[slot] = Math.Sign(fast[k] - slow[k]);
        }
    }

    public void OnQuoteAt(int slot, int ordinal, in Quote quote, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ordinal < Slow - 1)
        {
            return;
        }

        if (Crosses(Math.Sign(boundFast[slot][ordinal] - boundSlow[slot][ordinal]), ref boundLastSigns[slot]))
        {
            TargetPosition.MoveTo(context, quote.InstrumentId, boundLastSigns[slot] > 0 ? Quantity : AllowShort ? -Quantity : 0);
        }
    }

    // Math.Sign, without its call on the scan's path (it stays the judge of a NaN, which it refuses).
    private static int Sign(double value) => value > 0d ? 1 : value < 0d ? -1 : value == 0d ? 0 : Math.Sign(value);

    // A tie keeps the previous regime: only a real cross changes the target. The first regime seen after the
    // windows fill is only remembered: a trend already under way is not chased. True when the target changes.
    private static bool Crosses(int sign, ref int lastSign)
    {
        if (sign == 0 || sign == lastSign)
        {
            return false;
        }

        var warmingUp = lastSign == 0;
        lastSign = sign;
        return !warmingUp;
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context)
    {
    }

    public void OnFill(Fill fill, IStrategyContext context)
    {
    }

    public string SaveState()
    {
        if (bound is not null)
        {
            throw new InvalidOperationException("a crossover bound to prepared quotes keeps no windows to save");
        }

        var saved = new Dictionary<string, SavedState>(states.Count, StringComparer.Ordinal);
        foreach (var (id, state) in states)
        {
            saved[id] = new SavedState(state.FastWindow.Save(), state.SlowWindow.Save(), state.LastSign);
        }

        return JsonSerializer.Serialize(saved);
    }

    public void RestoreState(string state)
    {
        states.Clear();
        var saved = JsonSerializer.Deserialize<Dictionary<string, SavedState>>(state);
        foreach (var (id, entry) in saved ?? [])
        {
            var fast = RollingWindow.Restore(Fast, entry.Fast);
            var slow = RollingWindow.Restore(Slow, entry.Slow);
            if (fast is not null && slow is not null)
            {
                states[id] = new InstrumentState(fast, slow) { LastSign = entry.LastSign };
            }
        }
    }

    private InstrumentState GetState(string instrumentId)
    {
        if (!states.TryGetValue(instrumentId, out var state))
        {
            state = new InstrumentState(new RollingWindow(Fast), new RollingWindow(Slow));
            states.Add(instrumentId, state);
        }

        return state;
    }

    private sealed class InstrumentState(RollingWindow fast, RollingWindow slow)
    {
        public RollingWindow FastWindow { get; } = fast;

        public RollingWindow SlowWindow { get; } = slow;

        /// <summary>Sign of fast − slow at the last decision; 0 until both windows are full.</summary>
        public int LastSign { get; set; }
    }

    private sealed record SavedState(RollingWindowState Fast, RollingWindowState Slow, int LastSign);
}
