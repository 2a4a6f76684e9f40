namespace Aegis.Domain.Time;

/// <summary>
/// Trading days and hours of an exchange: which local dates have a session, when the regular and
/// extended sessions start and end in UTC, and which local trading day an instant belongs to.
/// <para>
/// Holidays and early closes are known only for the years <see cref="FirstHolidayYear"/> to
/// <see cref="LastHolidayYear"/>; outside them every weekday has a full session and only weekends
/// are closed. The calendar does not derive holidays from rules, because exchanges add closures
/// (such as the 2025-01-09 day of mourning) that no rule predicts.
/// </para>
/// <para>
/// The per-instant queries (<see cref="TradingDayKey"/>, <see cref="GetPhase"/>, <see cref="SessionOf"/>,
/// <see cref="SessionDate"/>) are meant for every quote: the last day looked up is cached as an
/// immutable object swapped atomically, so an instant in that day costs two comparisons and no
/// allocation; the time-zone conversion runs only when the day changes. The instance is thread-safe.
/// Consumers that may be on different days at once (backtests beside live) should each take a
/// <see cref="CreateCursor"/> so they do not keep evicting the shared cache.
/// </para>
/// </summary>
public sealed class ExchangeCalendar
{
    private const string NewYorkTimeZoneId = "America/New_York";

    private static readonly Lazy<ExchangeCalendar> UsEquitiesCalendar =
        new(CreateUsEquities, LazyThreadSafetyMode.PublicationOnly);

    private readonly HashSet<DateOnly> fullHolidays;
    private readonly HashSet<DateOnly> earlyCloses;
    private SessionDay current = SessionDay.None;

    private ExchangeCalendar(
        string name,
        TimeZoneInfo timeZone,
        SessionHours hours,
        IEnumerable<DateOnly> fullHolidays,
        IEnumerable<DateOnly> earlyCloses,
        int firstHolidayYear,
        int lastHolidayYear)
    {
        Name = name;
        TimeZone = timeZone;
        Hours = hours;
        this.fullHolidays = [.. fullHolidays];
        this.earlyCloses = [.. earlyCloses];
        FirstHolidayYear = firstHolidayYear;
        LastHolidayYear = lastHolidayYear;
    }

    /// <summary>
    /// NYSE, Nasdaq and the other US equity venues: regular session 09:30–16:00 New York time
    /// (13:00 on early-close days), pre-market from 04:00, post-market until 20:00 (17:00 on
    /// early-close days, as Nasdaq and NYSE Arca end their late sessions then).
    /// </summary>
    /// <exception cref="InvalidOperationException">The IANA time zone database (tzdata) is not installed.</exception>
    public static ExchangeCalendar UsEquities => UsEquitiesCalendar.Value;

    /// <summary>Display name, e.g. <c>US equities</c>.</summary>
    public string Name { get; }

    /// <summary>The exchange's local time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Local session hours.</summary>
    public SessionHours Hours { get; }

    /// <summary>First year whose holidays and early closes are in the table.</summary>
    public int FirstHolidayYear { get; }

    /// <summary>Last year whose holidays and early closes are in the table; later years only close on weekends.</summary>
    public int LastHolidayYear { get; }

    /// <summary>True when <paramref name="year"/>'s holidays are known, so a missing session means the exchange is really closed.</summary>
    public bool KnowsHolidaysOf(int year) => year >= FirstHolidayYear && year <= LastHolidayYear;

    /// <summary>The session on local date <paramref name="localDate"/>, or null on a weekend or holiday.</summary>
    public TradingSession? GetSession(DateOnly localDate)
    {
        if (localDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || fullHolidays.Contains(localDate))
        {
            return null;
        }

        var early = earlyCloses.Contains(localDate);
        return new TradingSession(
            localDate,
            ToUnixNs(localDate, Hours.Open),
            ToUnixNs(localDate, early ? Hours.EarlyClose : Hours.Close),
            early,
            ToUnixNs(localDate, Hours.PreMarketOpen),
            ToUnixNs(localDate, early ? Hours.EarlyPostMarketClose : Hours.PostMarketClose));
    }

    /// <summary>The exchange-local calendar date of an instant (23:30 New York is still that New York date).</summary>
    public DateOnly SessionDate(long unixNs) => Day(unixNs).Date;

    /// <summary>
    /// A number that changes exactly when the exchange-local date changes: the local date's
    /// <see cref="DateOnly.DayNumber"/>. Roll a trading day on this, not on the UTC day.
    /// </summary>
    public long TradingDayKey(long unixNs) => Day(unixNs).Key;

    /// <summary>Whether an instant is in pre-market, the regular session, post-market, or none.</summary>
    public SessionPhase GetPhase(long unixNs) => Day(unixNs).PhaseAt(unixNs);

    /// <summary>The session of the local date of the instant (whatever the phase), or null when that date has none.</summary>
    public TradingSession? SessionOf(long unixNs) => Day(unixNs).Session;

    /// <summary>A single-consumer cache over this calendar; see <see cref="SessionCursor"/>.</summary>
    public SessionCursor CreateCursor() => new(this);

    /// <summary>Resolves the local day containing an instant. Converts time zones; callers cache the result.</summary>
    internal SessionDay ResolveDay(long unixNs)
    {
        var utcTicks = unixNs / 100;
        if (unixNs % 100 < 0)
        {
            utcTicks--;
        }

        var utc = new DateTime(DateTime.UnixEpoch.Ticks + utcTicks, DateTimeKind.Utc);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));

        // Local midnight is never inside a daylight-saving jump for the zones used here (New York
        // changes clocks at 02:00), so the day is exactly [midnight, next midnight).
        return new SessionDay(
            ToUnixNs(date, TimeOnly.MinValue),
            ToUnixNs(date.AddDays(1), TimeOnly.MinValue),
            date,
            GetSession(date));
    }

    private SessionDay Day(long unixNs)
    {
        var day = Volatile.Read(ref current);
        if (!day.Contains(unixNs))
        {
            day = ResolveDay(unixNs);
            Volatile.Write(ref current, day);
        }

        return day;
    }

    private long ToUnixNs(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var utcTicks = local.Ticks - TimeZone.GetUtcOffset(local).Ticks;
        return (utcTicks - DateTime.UnixEpoch.Ticks) * 100L;
    }

    private static ExchangeCalendar CreateUsEquities()
    {
        TimeZoneInfo newYork;
        try
        {
            newYork = TimeZoneInfo.FindSystemTimeZoneById(NewYorkTimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                $"time zone '{NewYorkTimeZoneId}' is not available: install the IANA time zone database " +
                "(the tzdata package, /usr/share/zoneinfo) for the US equities exchange calendar",
                ex);
        }

        return new ExchangeCalendar(
            "US equities",
            newYork,
            new SessionHours(
                PreMarketOpen: new TimeOnly(4, 0),
                Open: new TimeOnly(9, 30),
                Close: new TimeOnly(16, 0),
                EarlyClose: new TimeOnly(13, 0),
                PostMarketClose: new TimeOnly(20, 0),
                EarlyPostMarketClose: new TimeOnly(17, 0)),
            UsEquityHolidays.FullHolidays,
            UsEquityHolidays.EarlyCloses,
            UsEquityHolidays.FirstYear,
            UsEquityHolidays.LastYear);
    }
}
