namespace Aegis.Domain.Instruments;

/// <summary>
/// A tradable instrument. <see cref="Id"/> is the stable key used everywhere (grain keys, quote
/// tape, journal): the ticker for an equity (<c>AAPL</c>), an OCC-style symbol for an option
/// (<c>SPY260116C00450000</c>).
/// </summary>
/// <param name="Id">Stable instrument id.</param>
/// <param name="Kind">Equity or option.</param>
/// <param name="Currency">ISO currency of prices.</param>
/// <param name="TickSize">Minimum price increment.</param>
/// <param name="Multiplier">Contract multiplier: 1 for equities, usually 100 for US equity options.</param>
/// <param name="Underlying">Underlying instrument id (options only).</param>
/// <param name="Expiry">Expiry date (options only).</param>
/// <param name="Strike">Strike price (options only).</param>
/// <param name="Right">Call or put (options only).</param>
public sealed record Instrument(
    string Id,
    InstrumentKind Kind,
    string Currency,
    decimal TickSize,
    decimal Multiplier,
    string? Underlying = null,
    DateOnly? Expiry = null,
    decimal? Strike = null,
    OptionRight? Right = null)
{
    /// <summary>An equity quoted in <paramref name="currency"/> with a one-cent tick.</summary>
    public static Instrument Equity(string id, string currency = "USD", decimal tickSize = 0.01m) =>
        new(id, InstrumentKind.Equity, currency, tickSize, 1m);

    /// <summary>An option on <paramref name="underlying"/>; the id is built OCC-style.</summary>
    public static Instrument Option(
        string underlying, DateOnly expiry, decimal strike, OptionRight right,
        decimal multiplier = 100m, string currency = "USD", decimal tickSize = 0.01m) =>
        new(OccSymbol(underlying, expiry, strike, right), InstrumentKind.Option, currency, tickSize,
            multiplier, underlying, expiry, strike, right);

    /// <summary>OCC option symbol: root, yymmdd, C/P, strike × 1000 padded to 8 digits.</summary>
    public static string OccSymbol(string underlying, DateOnly expiry, decimal strike, OptionRight right) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{underlying}{expiry:yyMMdd}{(right == OptionRight.Call ? 'C' : 'P')}{(long)(strike * 1000m):D8}");
}
