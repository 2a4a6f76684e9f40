namespace Aegis.Domain.Time;

/// <summary>
/// One exchange-local calendar day resolved to UTC nanoseconds, so that classifying an instant of
/// that day takes a few comparisons and no time-zone conversion. Immutable: one instance may be read
/// by any number of threads while another replaces the reference to it.
/// </summary>
internal sealed class SessionDay
{
    /// <summary>Contains no instant, so the first lookup always resolves a real day.</summary>
    public static readonly SessionDay None = new(long.MaxValue, long.MinValue, DateOnly.MinValue, null);

    private readonly long extendedOpenUnixNs;
    private readonly long openUnixNs;
    private readonly long closeUnixNs;
    private readonly long extendedCloseUnixNs;

    public SessionDay(long startUnixNs, long endUnixNs, DateOnly date, TradingSession? session)
    {
        StartUnixNs = startUnixNs;
        EndUnixNs = endUnixNs;
        Date = date;
        Key = date.DayNumber;
        Session = session;

        // A day without a session gets boundaries no instant reaches, so every instant is Closed.
        extendedOpenUnixNs = session?.ExtendedOpenUnixNs ?? long.MaxValue;
        openUnixNs = session?.OpenUnixNs ?? long.MaxValue;
        closeUnixNs = session?.CloseUnixNs ?? long.MaxValue;
        extendedCloseUnixNs = session?.ExtendedCloseUnixNs ?? long.MaxValue;
    }

    /// <summary>Local midnight starting the day, inclusive.</summary>
    public long StartUnixNs { get; }

    /// <summary>Local midnight ending the day, exclusive.</summary>
    public long EndUnixNs { get; }

    public DateOnly Date { get; }

    public long Key { get; }

    public TradingSession? Session { get; }

    public bool Contains(long unixNs) => unixNs >= StartUnixNs && unixNs < EndUnixNs;

    public SessionPhase PhaseAt(long unixNs) =>
        unixNs < extendedOpenUnixNs ? SessionPhase.Closed
        : unixNs < openUnixNs ? SessionPhase.PreMarket
        : unixNs < closeUnixNs ? SessionPhase.Regular
        : unixNs < extendedCloseUnixNs ? SessionPhase.PostMarket
        : SessionPhase.Closed;
}
