using System.Text.Json;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;

namespace Aegis.Domain.Strategies;

/// <summary>
/// Mean reversion on the z-score of the mid against the previous <c>window</c> mids (the current
/// mid is scored before it joins the window, so a single jump is seen at full strength).
/// z ≤ −entryZ → target long <c>quantity</c>; z ≥ entryZ → short <c>quantity</c>; |z| ≤ exitZ →
/// flat; in between the position is held. A flat window (zero deviation) never trades.
/// Parameters: <c>window</c> (≥ 2), <c>entryZ</c> &gt; 0, <c>exitZ</c> (0 ≤ exitZ &lt; entryZ), <c>quantity</c>.
/// </summary>
public sealed class ZScoreMeanReversion : IStrategy
{
    private readonly Dictionary<string, RollingWindow> windows = new(StringComparer.Ordinal);

    public ZScoreMeanReversion(int window, double entryZ, double exitZ, long quantity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entryZ);
        ArgumentOutOfRangeException.ThrowIfNegative(exitZ);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(exitZ, entryZ);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Window = window;
        EntryZ = entryZ;
        ExitZ = exitZ;
        Quantity = quantity;
    }

    public string Name => StrategyFactory.ZScoreReversion;

    public int Window { get; }

    public double EntryZ { get; }

    public double ExitZ { get; }

    public long Quantity { get; }

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = quote.InstrumentId;
        if (!windows.TryGetValue(id, out var window))
        {
            window = new RollingWindow(Window);
            windows.Add(id, window);
        }

        var mid = (double)quote.Mid;
        if (window.IsFull)
        {
            var deviation = window.StandardDeviation;
            if (deviation > 0d)
            {
                var z = (mid - window.Mean) / deviation;
                if (z <= -EntryZ)
                {
                    TargetPosition.MoveTo(context, id, Quantity);
                }
                else if (z >= EntryZ)
                {
                    TargetPosition.MoveTo(context, id, -Quantity);
                }
                else if (Math.Abs(z) <= ExitZ)
                {
                    TargetPosition.MoveTo(context, id, 0);
                }
            }
        }

        window.Add(mid);
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context)
    {
    }

    public void OnFill(Fill fill, IStrategyContext context)
    {
    }

    public string SaveState()
    {
        var saved = new Dictionary<string, RollingWindowState>(windows.Count, StringComparer.Ordinal);
        foreach (var (id, window) in windows)
        {
            saved[id] = window.Save();
        }

        return JsonSerializer.Serialize(saved);
    }

    public void RestoreState(string state)
    {
        windows.Clear();
        var saved = JsonSerializer.Deserialize<Dictionary<string, RollingWindowState>>(state);
        foreach (var (id, entry) in saved ?? [])
        {
            if (RollingWindow.Restore(Window, entry) is { } window)
            {
                windows[id] = window;
            }
        }
    }
}
