namespace Aegis.Connectors.Replay;

/// <summary>
/// Black–Scholes with zero rates and dividends: enough to keep option quotes consistent with their
/// underlying (delta, time value, decay) without pretending to be a pricing library.
/// </summary>
internal static class OptionPricing
{
    private const double SecondsPerYear = 365.25 * 86_400;

    public static double YearsBetween(long fromUnixNs, long toUnixNs) =>
        Math.Max(toUnixNs - fromUnixNs, 0) / 1e9 / SecondsPerYear;

    public static double Value(bool isCall, double spot, double strike, double volatility, double years)
    {
        var intrinsic = isCall ? Math.Max(spot - strike, 0) : Math.Max(strike - spot, 0);
        var deviation = volatility * Math.Sqrt(years);
        if (deviation < 1e-9)
        {
            return intrinsic;
        }

        var d1 = (Math.Log(spot / strike) + (0.5 * deviation * deviation)) / deviation;
        var d2 = d1 - deviation;
        var value = isCall
            ? (spot * NormalCdf(d1)) - (strike * NormalCdf(d2))
            : (strike * NormalCdf(-d2)) - (spot * NormalCdf(-d1));

        // The CDF approximation can dip a hair under intrinsic deep in the money.
        return Math.Max(value, intrinsic);
    }

    // Abramowitz & Stegun 26.2.17 (error < 7.5e-8): plenty for quotes rounded to a cent.
    private static double NormalCdf(double x)
    {
        var t = 1.0 / (1.0 + (0.2316419 * Math.Abs(x)));
        var density = 0.3989422804014327 * Math.Exp(-0.5 * x * x);
        var tail = density * t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        return x >= 0 ? 1.0 - tail : tail;
    }
}
