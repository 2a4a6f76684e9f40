using Aegis.Domain.Time;

namespace Aegis.Connectors.Replay;

/// <summary>
/// Where each pass of a looped market day lands: pass k replays the day on the k-th regular session
/// day of the exchange after the day's own date, at the same exchange-local time of day. A plain
/// k × 24 h shift lands passes on weekends and holidays, where scenarios do not trade, and after a
/// daylight-saving change it moves the whole day an hour against the session.
/// </summary>
/// <remarks>Passes are asked for in increasing order (a replay only moves forward), so only the last
/// one is remembered.</remarks>
internal sealed class SessionDayPasses
{
    private const long NanosPerTick = 100;

    private readonly ExchangeCalendar _calendar;
    private readonly long _firstUnixNs;
    private readonly long _lastUnixNs;
    private readonly DateOnly _date;
    private readonly TimeSpan _utcOffset;
    private readonly long _localTicks;

    private int _pass;
    private DateOnly _passDate;
    private long _passShiftNs;

    /// <param name="calendar">The exchange whose sessions the passes land on.</param>
    /// <param name="firstUnixNs">Exchange time of the day's first quote.</param>
    /// <param name="lastUnixNs">Exchange time of the day's last quote.</param>
    public SessionDayPasses(ExchangeCalendar calendar, long firstUnixNs, long lastUnixNs)
    {
        _calendar = calendar;
        _firstUnixNs = firstUnixNs;
        _lastUnixNs = lastUnixNs;
        _date = calendar.SessionDate(firstUnixNs);
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + FloorTicks(firstUnixNs), DateTimeKind.Utc);
        _utcOffset = calendar.TimeZone.GetUtcOffset(utc);
        _localTicks = utc.Ticks + _utcOffset.Ticks;
        _passDate = _date;
    }

    /// <summary>Nanoseconds to add to the day's exchange times in pass <paramref name="pass"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pass"/> is before the last pass asked for.</exception>
    public long ShiftUnixNs(int pass)
    {
        MoveTo(pass);
        return _passShiftNs;
    }

    private void MoveTo(int pass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pass, _pass);
        while (_pass < pass)
        {
            var previousLastNs = _lastUnixNs + _passShiftNs;
            var date = _passDate;
            long shift;
            do
            {
                date = NextSessionDate(date);
                shift = ShiftTo(date);
            }
            // A day longer than the gap to the next session (not a real trading day, but a file can
            // hold anything) must not overlap the previous pass: exchange times only move forward.
            while (_firstUnixNs + shift <= previousLastNs);

            _pass++;
            _passDate = date;
            _passShiftNs = shift;
        }
    }

    private DateOnly NextSessionDate(DateOnly after)
    {
        var date = after.AddDays(1);
        while (_calendar.GetSession(date) is null)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    // Same local wall-clock time, whole local days later: the UTC offset may differ between the two dates.
    private long ShiftTo(DateOnly date)
    {
        var daysTicks = (long)(date.DayNumber - _date.DayNumber) * TimeSpan.TicksPerDay;
        var offset = _calendar.TimeZone.GetUtcOffset(new DateTime(_localTicks + daysTicks, DateTimeKind.Unspecified));
        return (daysTicks - (offset - _utcOffset).Ticks) * NanosPerTick;
    }

    private static long FloorTicks(long unixNs) => unixNs >= 0 || unixNs % NanosPerTick == 0 ? unixNs / NanosPerTick : (unixNs / NanosPerTick) - 1;
}
