using Aegis.Domain.Time;

namespace Aegis.Domain.Tests;

public sealed class ExchangeCalendarTests
{
    private static readonly ExchangeCalendar Us = ExchangeCalendar.UsEquities;

    private static long Utc(int year, int month, int day, int hour, int minute = 0) => UnixTime.FromUtc(year, month, day, hour, minute);

    [Theory]
    [InlineData(2025, 3, 7, 14, 30)] // Friday before the spring change: EST
    [InlineData(2025, 3, 10, 13, 30)] // Monday after: EDT
    [InlineData(2025, 10, 31, 13, 30)]
    [InlineData(2025, 11, 3, 14, 30)] // Monday after the autumn change
    [InlineData(2026, 3, 6, 14, 30)]
    [InlineData(2026, 3, 9, 13, 30)]
    [InlineData(2026, 10, 30, 13, 30)]
    [InlineData(2026, 11, 2, 14, 30)]
    public void Regular_open_is_09_30_new_york_on_either_side_of_a_clock_change(int year, int month, int day, int openHour, int openMinute)
    {
        var session = Us.GetSession(new DateOnly(year, month, day))!;

        Assert.Equal(Utc(year, month, day, openHour, openMinute), session.OpenUnixNs);
        Assert.Equal(session.OpenUnixNs + (390 * UnixTime.NanosecondsPerMinute), session.CloseUnixNs); // 16:00
        Assert.Equal(session.OpenUnixNs - (330 * UnixTime.NanosecondsPerMinute), session.ExtendedOpenUnixNs); // 04:00
        Assert.Equal(session.CloseUnixNs + (240 * UnixTime.NanosecondsPerMinute), session.ExtendedCloseUnixNs); // 20:00
        Assert.False(session.IsEarlyClose);
    }

    [Theory]
    [InlineData(2025, 3, 9)]
    [InlineData(2025, 11, 2)]
    [InlineData(2026, 3, 8)]
    [InlineData(2026, 11, 1)]
    public void Clock_change_sundays_have_no_session(int year, int month, int day)
    {
        Assert.Null(Us.GetSession(new DateOnly(year, month, day)));
        Assert.Null(Us.SessionOf(Utc(year, month, day, 15)));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(year, month, day, 15)));
    }

    [Fact]
    public void The_trading_day_rolls_at_new_york_midnight_on_a_23_hour_day()
    {
        var sunday = new DateOnly(2025, 3, 9).DayNumber;

        // Saturday 23:59 EST, then Sunday 00:00 EST; Sunday 23:59:59 EDT, then Monday 00:00 EDT.
        Assert.Equal(sunday - 1, Us.TradingDayKey(Utc(2025, 3, 9, 4, 59)));
        Assert.Equal(sunday, Us.TradingDayKey(Utc(2025, 3, 9, 5, 0)));
        Assert.Equal(sunday, Us.TradingDayKey(Utc(2025, 3, 10, 4, 0) - 1));
        Assert.Equal(sunday + 1, Us.TradingDayKey(Utc(2025, 3, 10, 4, 0)));
    }

    [Fact]
    public void The_trading_day_rolls_at_new_york_midnight_on_a_25_hour_day()
    {
        var sunday = new DateOnly(2025, 11, 2).DayNumber;

        Assert.Equal(sunday - 1, Us.TradingDayKey(Utc(2025, 11, 2, 4, 0) - 1));
        Assert.Equal(sunday, Us.TradingDayKey(Utc(2025, 11, 2, 4, 0)));
        Assert.Equal(sunday, Us.TradingDayKey(Utc(2025, 11, 3, 5, 0) - 1));
        Assert.Equal(sunday + 1, Us.TradingDayKey(Utc(2025, 11, 3, 5, 0)));
    }

    [Theory]
    [InlineData(2026, 4, 3)] // Good Friday
    [InlineData(2025, 12, 25)]
    [InlineData(2025, 1, 9)] // National Day of Mourning, President Carter
    [InlineData(2026, 7, 3)] // Independence Day on a Saturday, observed Friday
    [InlineData(2027, 6, 18)] // Juneteenth on a Saturday, observed Friday
    [InlineData(2027, 7, 5)] // Independence Day on a Sunday, observed Monday
    [InlineData(2027, 12, 24)] // Christmas on a Saturday, observed Friday
    public void Holidays_have_no_session_and_every_instant_is_closed(int year, int month, int day)
    {
        Assert.Null(Us.GetSession(new DateOnly(year, month, day)));
        Assert.Null(Us.SessionOf(Utc(year, month, day, 16)));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(year, month, day, 10))); // pre-market hours
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(year, month, day, 16))); // regular hours
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(year, month, day, 22))); // post-market hours
    }

    [Theory]
    [InlineData(2027, 12, 31)] // New Year's Day 2028 is a Saturday and is not observed on the Friday before
    [InlineData(2026, 7, 2)] // no early close before an observed Friday holiday
    [InlineData(2027, 7, 2)]
    [InlineData(2027, 12, 23)]
    public void Days_next_to_observed_holidays_trade_a_full_session(int year, int month, int day)
    {
        var session = Us.GetSession(new DateOnly(year, month, day))!;

        Assert.False(session.IsEarlyClose);
        Assert.Equal((16, 0), LocalTimeOfDay(session.CloseUnixNs));
    }

    [Theory]
    [InlineData(2025, 7, 3, 17)] // summer: 13:00 EDT
    [InlineData(2025, 11, 28, 18)] // winter: 13:00 EST
    [InlineData(2025, 12, 24, 18)]
    [InlineData(2026, 11, 27, 18)]
    [InlineData(2026, 12, 24, 18)]
    [InlineData(2027, 11, 26, 18)]
    public void Early_closes_end_the_regular_session_at_13_00_new_york(int year, int month, int day, int closeUtcHour)
    {
        var session = Us.GetSession(new DateOnly(year, month, day))!;

        Assert.True(session.IsEarlyClose);
        Assert.Equal(Utc(year, month, day, closeUtcHour), session.CloseUnixNs);
        Assert.Equal(Utc(year, month, day, closeUtcHour + 4), session.ExtendedCloseUnixNs); // post-market ends 17:00
        Assert.Equal(SessionPhase.Regular, Us.GetPhase(session.CloseUnixNs - 1));
        Assert.Equal(SessionPhase.PostMarket, Us.GetPhase(session.CloseUnixNs));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(session.ExtendedCloseUnixNs));
    }

    [Fact]
    public void Early_close_2025_11_28_closes_at_18_00_utc() =>
        Assert.Equal(Utc(2025, 11, 28, 18), Us.SessionOf(Utc(2025, 11, 28, 15))!.CloseUnixNs);

    [Fact]
    public void Phases_of_a_summer_day_in_new_york_time()
    {
        // 2025-06-02 is a Monday; New York is UTC-4.
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(2025, 6, 2, 8) - 1)); // 03:59:59.999999999
        Assert.Equal(SessionPhase.PreMarket, Us.GetPhase(Utc(2025, 6, 2, 8))); // 04:00
        Assert.Equal(SessionPhase.PreMarket, Us.GetPhase(Utc(2025, 6, 2, 12))); // 08:00
        Assert.Equal(SessionPhase.PreMarket, Us.GetPhase(Utc(2025, 6, 2, 13, 30) - 1));
        Assert.Equal(SessionPhase.Regular, Us.GetPhase(Utc(2025, 6, 2, 13, 30))); // 09:30
        Assert.Equal(SessionPhase.Regular, Us.GetPhase(Utc(2025, 6, 2, 20) - 1));
        Assert.Equal(SessionPhase.PostMarket, Us.GetPhase(Utc(2025, 6, 2, 20))); // 16:00
        Assert.Equal(SessionPhase.PostMarket, Us.GetPhase(Utc(2025, 6, 3, 0) - 1));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(2025, 6, 3, 0))); // 20:00
    }

    [Fact]
    public void Pre_market_at_08_00_new_york_in_winter_is_13_00_utc()
    {
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(2025, 12, 1, 9) - 1));
        Assert.Equal(SessionPhase.PreMarket, Us.GetPhase(Utc(2025, 12, 1, 13)));
        Assert.Equal(SessionPhase.Regular, Us.GetPhase(Utc(2025, 12, 1, 14, 30)));
        Assert.Equal(SessionPhase.PostMarket, Us.GetPhase(Utc(2025, 12, 1, 21)));
    }

    [Fact]
    public void Weekends_have_no_session()
    {
        Assert.Null(Us.GetSession(new DateOnly(2025, 6, 7)));
        Assert.Null(Us.GetSession(new DateOnly(2025, 6, 8)));
        Assert.Null(Us.SessionOf(Utc(2025, 6, 7, 15)));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(2025, 6, 7, 15)));
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(Utc(2025, 6, 8, 12)));
    }

    [Fact]
    public void An_instant_at_23_30_new_york_belongs_to_the_new_york_date_not_the_utc_date()
    {
        var summer = Utc(2025, 6, 3, 3, 30); // 2025-06-02 23:30 EDT
        var winter = Utc(2025, 12, 2, 4, 30); // 2025-12-01 23:30 EST

        Assert.Equal(new DateOnly(2025, 6, 2), Us.SessionDate(summer));
        Assert.Equal(new DateOnly(2025, 6, 2).DayNumber, Us.TradingDayKey(summer));
        Assert.Equal(new DateOnly(2025, 6, 2), Us.SessionOf(summer)!.Date);
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(summer));
        Assert.Equal(new DateOnly(2025, 12, 1), Us.SessionDate(winter));
        Assert.Equal(new DateOnly(2025, 12, 1), Us.SessionOf(winter)!.Date);
    }

    [Fact]
    public void Friday_evening_new_york_is_friday_even_when_utc_is_saturday()
    {
        var fridayNight = Utc(2025, 6, 7, 1); // Friday 2025-06-06 21:00 EDT

        Assert.Equal(new DateOnly(2025, 6, 6), Us.SessionOf(fridayNight)!.Date);
        Assert.Equal(SessionPhase.Closed, Us.GetPhase(fridayNight));
    }

    [Fact]
    public void Outside_the_holiday_table_only_weekends_are_closed()
    {
        Assert.Equal((2025, 2027), (Us.FirstHolidayYear, Us.LastHolidayYear));
        Assert.True(Us.KnowsHolidaysOf(2027));
        Assert.False(Us.KnowsHolidaysOf(2028));
        Assert.False(Us.KnowsHolidaysOf(2024));

        // Christmas 2024 (Wednesday) and Independence Day 2028 (Tuesday) are not in the table.
        Assert.NotNull(Us.GetSession(new DateOnly(2024, 12, 25)));
        Assert.NotNull(Us.GetSession(new DateOnly(2028, 7, 4)));
        Assert.Null(Us.GetSession(new DateOnly(2028, 7, 8)));
    }

    [Fact]
    public void Queries_within_the_cached_day_do_not_allocate()
    {
        var cursor = Us.CreateCursor();
        var open = Utc(2025, 6, 2, 13, 30);
        Us.GetPhase(open);
        cursor.GetPhase(open);

        var before = GC.GetAllocatedBytesForCurrentThread();
        long keys = 0;
        var regular = 0;
        var sessions = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var now = open + (i * UnixTime.NanosecondsPerSecond);
            keys += Us.TradingDayKey(now) + cursor.TradingDayKey(now);
            regular += (Us.GetPhase(now) == SessionPhase.Regular ? 1 : 0) + (cursor.GetPhase(now) == SessionPhase.Regular ? 1 : 0);
            sessions += (Us.SessionOf(now) is null ? 0 : 1) + (cursor.SessionOf(now) is null ? 0 : 1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2L * 10_000 * new DateOnly(2025, 6, 2).DayNumber, keys);
        Assert.Equal((20_000, 20_000), (regular, sessions));
    }

    [Fact]
    public void Threads_on_different_days_always_get_their_own_day_from_the_shared_calendar()
    {
        // Each thread asks about a different day, so the shared cache is replaced constantly; a torn
        // or stale read would show up as another thread's date, phase or session.
        DateOnly[] days = [new(2025, 6, 2), new(2025, 11, 28), new(2026, 3, 9), new(2026, 12, 24)];
        var wrong = new int[days.Length];
        Parallel.For(0, days.Length, new ParallelOptions { MaxDegreeOfParallelism = days.Length }, t =>
        {
            var expected = Us.GetSession(days[t])!;
            for (var i = 0; i < 20_000; i++)
            {
                var now = expected.OpenUnixNs + (i % 390 * UnixTime.NanosecondsPerMinute);
                var phase = now < expected.CloseUnixNs ? SessionPhase.Regular : SessionPhase.PostMarket;
                if (Us.SessionDate(now) != days[t] || Us.TradingDayKey(now) != days[t].DayNumber
                    || Us.GetPhase(now) != phase || Us.SessionOf(now) != expected)
                {
                    wrong[t]++;
                }
            }
        });

        Assert.Equal([0, 0, 0, 0], wrong);
    }

    [Fact]
    public void A_cursor_answers_like_the_calendar_across_day_changes()
    {
        var cursor = Us.CreateCursor();
        for (var now = Utc(2025, 11, 26, 0); now < Utc(2025, 12, 2, 0); now += 7 * UnixTime.NanosecondsPerMinute)
        {
            Assert.Equal(Us.GetPhase(now), cursor.GetPhase(now));
            Assert.Equal(Us.SessionDate(now), cursor.SessionDate(now));
            Assert.Equal(Us.TradingDayKey(now), cursor.TradingDayKey(now));
            Assert.Equal(Us.SessionOf(now), cursor.SessionOf(now));
        }
    }

    private static (int Hour, int Minute) LocalTimeOfDay(long unixNs)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(unixNs / 100), Us.TimeZone);
        return (local.Hour, local.Minute);
    }
}
