namespace Aegis.Domain.Time;

/// <summary>
/// A private cache over an <see cref="ExchangeCalendar"/> for one consumer (one scenario engine, one
/// strategy). Answers like the calendar, but remembers its own current day, so consumers replaying
/// different days do not evict each other's cache. Not thread-safe: use one cursor per thread of work.
/// </summary>
public sealed class SessionCursor
{
    private readonly ExchangeCalendar calendar;
    private SessionDay day = SessionDay.None;

    internal SessionCursor(ExchangeCalendar calendar) => this.calendar = calendar;

    /// <summary>The calendar this cursor reads.</summary>
    public ExchangeCalendar Calendar => calendar;

    /// <inheritdoc cref="ExchangeCalendar.SessionDate"/>
    public DateOnly SessionDate(long unixNs) => Day(unixNs).Date;

    /// <inheritdoc cref="ExchangeCalendar.TradingDayKey"/>
    public long TradingDayKey(long unixNs) => Day(unixNs).Key;

    /// <inheritdoc cref="ExchangeCalendar.GetPhase"/>
    public SessionPhase GetPhase(long unixNs) => Day(unixNs).PhaseAt(unixNs);

    /// <inheritdoc cref="ExchangeCalendar.SessionOf"/>
    public TradingSession? SessionOf(long unixNs) => Day(unixNs).Session;

    private SessionDay Day(long unixNs)
    {
        if (!day.Contains(unixNs))
        {
            day = calendar.ResolveDay(unixNs);
        }

        return day;
    }
}
