using System.Globalization;
using System.Text.Json;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Time;

namespace Aegis.Domain.Strategies;

/// <summary>
/// Opening-range breakout, per instrument. The range is the high and low mid over the first
/// <c>rangeMinutes</c> after the instrument's first quote of the UTC day. Afterwards the first mid
/// above the high targets long <c>quantity</c>, the first below the low short <c>quantity</c> (flat
/// if <c>allowShort</c> is false); at most one breakout per instrument per day. With
/// <c>flattenMinutesBeforeClose</c> set, positions are closed (on a quote or a timer) from that many
/// minutes before <c>sessionCloseUtc</c> (HH:mm, default 20:00 — the US close in summer time; set
/// 21:00 in winter) and no new breakout is taken after that point. <c>never</c> (the default) holds overnight.
/// </summary>
public sealed class OpeningRangeBreakout : IStrategy
{
    private readonly Dictionary<string, InstrumentState> states = new(StringComparer.Ordinal);

    /// <param name="rangeMinutes">Length of the opening range.</param>
    /// <param name="quantity">Units per breakout.</param>
    /// <param name="flattenMinutesBeforeClose">Minutes before the close to flatten; null for never.</param>
    /// <param name="sessionCloseUtc">Session close, UTC time of day.</param>
    /// <param name="allowShort">Trade downside breakouts.</param>
    public OpeningRangeBreakout(int rangeMinutes, long quantity, int? flattenMinutesBeforeClose = null, TimeOnly? sessionCloseUtc = null, bool allowShort = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rangeMinutes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (flattenMinutesBeforeClose is { } flatten)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(flatten);
        }

        RangeMinutes = rangeMinutes;
        Quantity = quantity;
        FlattenMinutesBeforeClose = flattenMinutesBeforeClose;
        SessionCloseUtc = sessionCloseUtc ?? new TimeOnly(20, 0);
        AllowShort = allowShort;
    }

    public string Name => StrategyFactory.OpeningRangeBreakout;

    public int RangeMinutes { get; }

    public long Quantity { get; }

    public int? FlattenMinutesBeforeClose { get; }

    public TimeOnly SessionCloseUtc { get; }

    public bool AllowShort { get; }

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = quote.InstrumentId;
        var now = quote.ExchangeTimeUnixNs;
        var mid = quote.Mid;
        if (!states.TryGetValue(id, out var state))
        {
            state = new InstrumentState { Day = long.MinValue };
            states.Add(id, state);
        }

        var day = UnixTime.UtcDay(now);
        if (state.Day != day)
        {
            state.Day = day;
            state.RangeStartUnixNs = now;
            state.High = mid;
            state.Low = mid;
            state.Traded = false;
            return;
        }

        if (now < state.RangeStartUnixNs + (RangeMinutes * UnixTime.NanosecondsPerMinute))
        {
            state.High = Math.Max(state.High, mid);
            state.Low = Math.Min(state.Low, mid);
            return;
        }

        if (IsFlattenTime(now))
        {
            TargetPosition.MoveTo(context, id, 0);
            return;
        }

        if (state.Traded)
        {
            return;
        }

        if (mid > state.High)
        {
            state.Traded = true;
            TargetPosition.MoveTo(context, id, Quantity);
        }
        else if (mid < state.Low && AllowShort)
        {
            state.Traded = true;
            TargetPosition.MoveTo(context, id, -Quantity);
        }
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsFlattenTime(nowUnixNs))
        {
            return;
        }

        foreach (var (id, state) in states)
        {
            if (state.Day == UnixTime.UtcDay(nowUnixNs))
            {
                TargetPosition.MoveTo(context, id, 0);
            }
        }
    }

    public void OnFill(Fill fill, IStrategyContext context)
    {
    }

    public string SaveState() => JsonSerializer.Serialize(states);

    public void RestoreState(string state)
    {
        states.Clear();
        foreach (var (id, entry) in JsonSerializer.Deserialize<Dictionary<string, InstrumentState>>(state) ?? [])
        {
            states[id] = entry;
        }
    }

    /// <summary>Parses <c>HH:mm</c>.</summary>
    public static bool TryParseSessionClose(string text, out TimeOnly close) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out close);

    private bool IsFlattenTime(long nowUnixNs)
    {
        if (FlattenMinutesBeforeClose is not { } minutes)
        {
            return false;
        }

        var closeUnixNs = UnixTime.UtcDayStartUnixNs(nowUnixNs) + (SessionCloseUtc.Ticks * 100L);
        return nowUnixNs >= closeUnixNs - (minutes * UnixTime.NanosecondsPerMinute);
    }

    // Public settable properties only because System.Text.Json round-trips it as the saved state.
    private sealed class InstrumentState
    {
        public long Day { get; set; }

        public long RangeStartUnixNs { get; set; }

        public decimal High { get; set; }

        public decimal Low { get; set; }

        public bool Traded { get; set; }
    }
}
