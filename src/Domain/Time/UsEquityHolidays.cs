namespace Aegis.Domain.Time;

/// <summary>
/// Days the US equity exchanges (NYSE, Nasdaq, Cboe, NYSE Arca) are closed or close early at 13:00
/// New York time. Source: the NYSE published holiday and early-close calendar (nyse.com, "Holidays
/// &amp; Trading Hours"), which the other US venues follow. Observance: a holiday on a Saturday is
/// taken the Friday before, on a Sunday the Monday after; New Year's Day on a Saturday is not
/// observed (2027-12-31 trades as usual). Extend the table, and <see cref="LastYear"/>, each year
/// when the NYSE publishes the next one.
/// </summary>
internal static class UsEquityHolidays
{
    public const int FirstYear = 2025;

    public const int LastYear = 2027;

    public static readonly DateOnly[] FullHolidays =
    [
        new(2025, 1, 1), // New Year's Day
        new(2025, 1, 9), // National Day of Mourning for President Carter
        new(2025, 1, 20), // Martin Luther King Jr. Day
        new(2025, 2, 17), // Washington's Birthday
        new(2025, 4, 18), // Good Friday
        new(2025, 5, 26), // Memorial Day
        new(2025, 6, 19), // Juneteenth
        new(2025, 7, 4), // Independence Day
        new(2025, 9, 1), // Labor Day
        new(2025, 11, 27), // Thanksgiving
        new(2025, 12, 25), // Christmas

        new(2026, 1, 1), // New Year's Day
        new(2026, 1, 19), // Martin Luther King Jr. Day
        new(2026, 2, 16), // Washington's Birthday
        new(2026, 4, 3), // Good Friday
        new(2026, 5, 25), // Memorial Day
        new(2026, 6, 19), // Juneteenth
        new(2026, 7, 3), // Independence Day, observed (July 4 is a Saturday)
        new(2026, 9, 7), // Labor Day
        new(2026, 11, 26), // Thanksgiving
        new(2026, 12, 25), // Christmas

        new(2027, 1, 1), // New Year's Day
        new(2027, 1, 18), // Martin Luther King Jr. Day
        new(2027, 2, 15), // Washington's Birthday
        new(2027, 3, 26), // Good Friday
        new(2027, 5, 31), // Memorial Day
        new(2027, 6, 18), // Juneteenth, observed (June 19 is a Saturday)
        new(2027, 7, 5), // Independence Day, observed (July 4 is a Sunday)
        new(2027, 9, 6), // Labor Day
        new(2027, 11, 25), // Thanksgiving
        new(2027, 12, 24), // Christmas, observed (December 25 is a Saturday)
    ];

    // No early close before an observed Friday or Monday holiday (2026-07-02, 2027-07-02), and none on
    // 2027-12-24 because it is the observed Christmas holiday.
    public static readonly DateOnly[] EarlyCloses =
    [
        new(2025, 7, 3), // before Independence Day
        new(2025, 11, 28), // day after Thanksgiving
        new(2025, 12, 24), // Christmas Eve

        new(2026, 11, 27), // day after Thanksgiving
        new(2026, 12, 24), // Christmas Eve

        new(2027, 11, 26), // day after Thanksgiving
    ];
}
