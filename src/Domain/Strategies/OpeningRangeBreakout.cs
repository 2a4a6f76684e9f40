using System.Text.Json;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Time;

namespace Aegis.Domain.Strategies;

/// <summary>
/// Opening-range breakout, per instrument, on the exchange's regular session. The range is the high
/// and low mid of the quotes in the first <c>rangeMinutes</c> after the session's open (pre-market
/// quotes do not count). Afterwards, until the regular close, the first mid above the high targets long
/// <c>quantity</c>, the first below the low short <c>quantity</c> (flat if <c>allowShort</c> is false);
/// at most one breakout per instrument per session, none if no quote arrived in the range. With
/// <c>flattenMinutesBeforeClose</c> set, positions are closed (on a quote or a timer) from that many
/// minutes before the session's actual close, early closes included, and no breakout is taken after
/// that point; <c>never</c> (the default) holds overnight. On days without a session nothing trades.
/// </summary>
public sealed class OpeningRangeBreakout : IStrategy
{
    private readonly Dictionary<string, InstrumentState> states = new(StringComparer.Ordinal);
    private readonly SessionCursor sessions;

    /// <param name="rangeMinutes">Length of the opening range.</param>
    /// <param name="quantity">Units per breakout.</param>
    /// <param name="flattenMinutesBeforeClose">Minutes before the close to flatten; null for never.</param>
    /// <param name="allowShort">Trade downside breakouts.</param>
    /// <param name="calendar">Sessions to trade; <see cref="ExchangeCalendar.UsEquities"/> when null.</param>
    public OpeningRangeBreakout(int rangeMinutes, long quantity, int? flattenMinutesBeforeClose = null, bool allowShort = true, ExchangeCalendar? calendar = null)
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
        AllowShort = allowShort;
        Calendar = calendar ?? ExchangeCalendar.UsEquities;

        // A strategy belongs to one engine, so a cursor of its own keeps its day cached even while
        // other engines (a backtest of another year) use the same calendar.
        sessions = Calendar.CreateCursor();
    }

    public string Name => StrategyFactory.OpeningRangeBreakout;

    public int RangeMinutes { get; }

    public long Quantity { get; }

    public int? FlattenMinutesBeforeClose { get; }

    public bool AllowShort { get; }

    /// <summary>Where the session open and close come from.</summary>
    public ExchangeCalendar Calendar { get; }

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = quote.ExchangeTimeUnixNs;
        var session = sessions.SessionOf(now);
        if (session is null || now < session.OpenUnixNs)
        {
            return;
        }

        var id = quote.InstrumentId;
        var mid = quote.Mid;
        if (!states.TryGetValue(id, out var state))
        {
            state = new InstrumentState { Day = long.MinValue };
            states.Add(id, state);
        }

        var day = sessions.TradingDayKey(now);
        if (state.Day != day)
        {
            state.Day = day;
            state.HasRange = false;
            state.High = 0m;
            state.Low = 0m;
            state.Traded = false;
        }

        if (IsFlattenTime(session, now))
        {
            TargetPosition.MoveTo(context, id, 0);
            return;
        }

        if (now < session.OpenUnixNs + (RangeMinutes * UnixTime.NanosecondsPerMinute))
        {
            state.High = state.HasRange ? Math.Max(state.High, mid) : mid;
            state.Low = state.HasRange ? Math.Min(state.Low, mid) : mid;
            state.HasRange = true;
            return;
        }

        if (state.Traded || !state.HasRange || now >= session.CloseUnixNs)
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
        var session = sessions.SessionOf(nowUnixNs);
        if (session is null || !IsFlattenTime(session, nowUnixNs))
        {
            return;
        }

        var day = sessions.TradingDayKey(nowUnixNs);
        foreach (var (id, state) in states)
        {
            if (state.Day == day)
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

    private bool IsFlattenTime(TradingSession session, long nowUnixNs) =>
        FlattenMinutesBeforeClose is { } minutes && nowUnixNs >= session.CloseUnixNs - (minutes * UnixTime.NanosecondsPerMinute);

    // Public settable properties only because System.Text.Json round-trips it as the saved state.
    // Day is the calendar's trading-day key; a state saved when it was the UTC day never matches one,
    // so such a state simply starts the next session afresh.
    private sealed class InstrumentState
    {
        public long Day { get; set; }

        public bool HasRange { get; set; }

        public decimal High { get; set; }

        public decimal Low { get; set; }

        public bool Traded { get; set; }
    }
}
