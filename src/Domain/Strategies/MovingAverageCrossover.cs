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
/// </summary>
public sealed class MovingAverageCrossover : IStrategy
{
    private readonly Dictionary<string, InstrumentState> states = new(StringComparer.Ordinal);

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
        var state = GetState(quote.InstrumentId);
        var mid = (double)quote.Mid;
        state.FastWindow.Add(mid);
        state.SlowWindow.Add(mid);
        if (!state.SlowWindow.IsFull)
        {
            return;
        }

        // A tie keeps the previous regime: only a real cross changes the target.
        var sign = Math.Sign(state.FastWindow.Mean - state.SlowWindow.Mean);
        if (sign == 0 || sign == state.LastSign)
        {
            return;
        }

        var warmingUp = state.LastSign == 0;
        state.LastSign = sign;
        if (warmingUp)
        {
            return;
        }

        TargetPosition.MoveTo(context, quote.InstrumentId, sign > 0 ? Quantity : AllowShort ? -Quantity : 0);
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context)
    {
    }

    public void OnFill(Fill fill, IStrategyContext context)
    {
    }

    public string SaveState()
    {
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
