using Aegis.Domain.Instruments;

namespace Aegis.Connectors.Replay;

/// <summary>
/// The universe and session of the shipped sample market day: 16 liquid US equities and ETFs and
/// 6 near-the-money weekly options on SPY, QQQ and AAPL, traded on Monday 2026-03-02.
/// </summary>
public static class SampleMarket
{
    /// <summary>The trading date of the sample day.</summary>
    public static DateOnly TradingDate { get; } = new(2026, 3, 2);

    /// <summary>Regular session open, 09:30 New York (EST) = 14:30 UTC, in Unix nanoseconds.</summary>
    public static long SessionOpenUnixNs { get; } = UnixNs(TradingDate, new TimeOnly(14, 30));

    /// <summary>Regular session close, 16:00 New York = 21:00 UTC, in Unix nanoseconds.</summary>
    public static long SessionCloseUnixNs { get; } = UnixNs(TradingDate, new TimeOnly(21, 0));

    /// <summary>Expiry of the sample options: the Friday weekly of the same week.</summary>
    public static DateOnly OptionExpiry { get; } = new(2026, 3, 6);

    /// <summary>Options stop trading at the expiry day's close (21:00 UTC), in Unix nanoseconds.</summary>
    public static long OptionExpiryUnixNs { get; } = UnixNs(OptionExpiry, new TimeOnly(21, 0));

    /// <summary>Generation parameters, underlyings before the options written on them.</summary>
    public static IReadOnlyList<SampleInstrumentProfile> Profiles { get; } = CreateProfiles();

    /// <summary>The instruments of the sample day, in <see cref="Profiles"/> order.</summary>
    public static IReadOnlyList<Instrument> Instruments { get; } = [.. Profiles.Select(p => p.Instrument)];

    /// <summary>The profile of <paramref name="instrumentId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The id is not part of the sample day.</exception>
    public static SampleInstrumentProfile GetProfile(string instrumentId) =>
        Profiles.FirstOrDefault(p => p.Instrument.Id == instrumentId)
        ?? throw new KeyNotFoundException($"Instrument '{instrumentId}' is not part of the sample market day.");

    private static SampleInstrumentProfile[] CreateProfiles()
    {
        // Early-2026 price levels; volatilities and quote rates ordered roughly like the real names.
        // Rates are far below a real SIP feed on purpose: ~560k quotes keep the file small and the
        // generation fast while still exercising the pipeline.
        SampleInstrumentProfile[] equities =
        [
            Equity("SPY", 685.00m, 0.15, 3.0, 1, 900),
            Equity("QQQ", 615.00m, 0.20, 2.4, 1, 700),
            Equity("IWM", 250.00m, 0.22, 1.2, 1, 800),
            Equity("DIA", 480.00m, 0.14, 0.6, 2, 300),
            Equity("AAPL", 265.00m, 0.25, 1.8, 1, 400),
            Equity("MSFT", 480.00m, 0.24, 1.4, 2, 300),
            Equity("NVDA", 185.00m, 0.45, 2.0, 1, 600),
            Equity("AMZN", 230.00m, 0.30, 1.3, 1, 400),
            Equity("GOOGL", 310.00m, 0.30, 1.1, 1, 300),
            Equity("META", 650.00m, 0.35, 1.0, 3, 200),
            Equity("TSLA", 420.00m, 0.55, 1.6, 2, 300),
            Equity("AMD", 210.00m, 0.50, 1.0, 1, 300),
            Equity("JPM", 310.00m, 0.22, 0.6, 1, 200),
            Equity("XOM", 120.00m, 0.24, 0.5, 1, 400),
            Equity("NFLX", 95.00m, 0.35, 0.7, 1, 500),
            Equity("AVGO", 340.00m, 0.45, 0.9, 3, 200),
        ];

        SampleInstrumentProfile[] options =
        [
            Option(equities[0], 685m, OptionRight.Call, 0.16, 0.5, 2, 40),
            Option(equities[0], 680m, OptionRight.Put, 0.17, 0.5, 2, 40),
            Option(equities[1], 615m, OptionRight.Call, 0.21, 0.5, 2, 25),
            Option(equities[1], 610m, OptionRight.Put, 0.22, 0.5, 2, 25),
            Option(equities[4], 265m, OptionRight.Call, 0.27, 0.5, 3, 20),
            Option(equities[4], 260m, OptionRight.Put, 0.28, 0.5, 3, 20),
        ];

        return [.. equities, .. options];
    }

    private static SampleInstrumentProfile Equity(
        string id, decimal price, double volatility, double quotesPerSecond, int spreadTicks, long size) =>
        new(Instrument.Equity(id), price, volatility, quotesPerSecond, spreadTicks, size, JumpsPerDay: 3);

    private static SampleInstrumentProfile Option(
        SampleInstrumentProfile underlying, decimal strike, OptionRight right, double impliedVolatility,
        double quotesPerSecond, int spreadTicks, long size)
    {
        var instrument = Instrument.Option(underlying.Instrument.Id, OptionExpiry, strike, right);
        var value = OptionPricing.Value(
            right == OptionRight.Call, (double)underlying.StartPrice, (double)strike, impliedVolatility,
            OptionPricing.YearsBetween(SessionOpenUnixNs, OptionExpiryUnixNs));
        var startPrice = Math.Round((decimal)value / instrument.TickSize) * instrument.TickSize;
        return new(instrument, startPrice, impliedVolatility, quotesPerSecond, spreadTicks, size, JumpsPerDay: 0);
    }

    private static long UnixNs(DateOnly date, TimeOnly time) =>
        (new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero).ToUnixTimeMilliseconds()) * 1_000_000;
}
