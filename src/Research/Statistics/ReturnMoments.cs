namespace Aegis.Research.Statistics;

/// <summary>
/// The moments of a return series that the Sharpe ratio statistics need: mean, sample standard deviation (n − 1),
/// and the population skewness and raw (not excess) kurtosis, 3 for a normal distribution.
/// </summary>
public sealed record ReturnMoments(int Count, double Mean, double StandardDeviation, double Skewness, double Kurtosis)
{
    /// <summary>Per-period Sharpe ratio: mean over standard deviation, 0 when the deviation is 0.</summary>
    public double Sharpe => StandardDeviation > 0 ? Mean / StandardDeviation : 0;

    public static ReturnMoments Of(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2)
        {
            throw new ArgumentException($"moments need at least 2 returns, got {returns.Length}", nameof(returns));
        }

        double sum = 0;
        foreach (var r in returns)
        {
            sum += r;
        }

        var mean = sum / returns.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var r in returns)
        {
            var d = r - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        var n = returns.Length;
        var population = m2 / n;
        var skewness = population > 0 ? m3 / n / Math.Pow(population, 1.5) : 0;
        var kurtosis = population > 0 ? m4 / n / (population * population) : 3;
        return new ReturnMoments(n, mean, Math.Sqrt(m2 / (n - 1)), skewness, kurtosis);
    }
}
