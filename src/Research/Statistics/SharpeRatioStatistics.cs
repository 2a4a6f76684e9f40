using MathNet.Numerics.Distributions;

namespace Aegis.Research.Statistics;

/// <summary>
/// The Probabilistic and Deflated Sharpe ratios (Bailey and López de Prado, "The Deflated Sharpe Ratio", 2014) and the
/// minimum backtest length (Bailey, Borwein, López de Prado and Zhu, 2014). Sharpe ratios are per period, not
/// annualised; kurtosis is raw (3 for a normal distribution).
/// </summary>
public static class SharpeRatioStatistics
{
    public const double EulerMascheroni = 0.5772156649015329;

    /// <summary>
    /// PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)): the probability that the true Sharpe ratio
    /// exceeds <paramref name="benchmark"/>, given <paramref name="observations"/> returns with the observed one.
    /// </summary>
    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 2);
        var variance = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (variance <= 0)
        {
            throw new ArgumentException($"skewness {skewness} and kurtosis {kurtosis} give a non-positive variance for Sharpe ratio {sharpe}");
        }

        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(variance));
    }

    /// <summary>
    /// E[max] of <paramref name="trials"/> Sharpe ratios drawn with variance <paramref name="variance"/> around 0:
    /// √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), with γ the Euler–Mascheroni constant.
    /// </summary>
    public static double ExpectedMaximum(int trials, double variance = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(variance);
        return Math.Sqrt(variance) * ((1 - EulerMascheroni) * Normal.InvCDF(0, 1, 1 - 1.0 / trials)
            + EulerMascheroni * Normal.InvCDF(0, 1, 1 - 1 / (trials * Math.E)));
    }

    /// <summary>
    /// DSR: the PSR of the selected trial against the Sharpe ratio the best of <paramref name="trials"/> unskilled
    /// trials would show, given the variance of the trials' Sharpe ratios.
    /// </summary>
    public static double Deflated(double sharpe, int observations, double skewness, double kurtosis, int trials, double trialSharpeVariance) =>
        Probabilistic(sharpe, ExpectedMaximum(trials, trialSharpeVariance), observations, skewness, kurtosis);

    /// <summary>
    /// The DSR of trial <paramref name="selected"/> among the columns of a sweep (one return series per trial, the
    /// same periods): its Sharpe ratio, skewness and kurtosis, and the sample variance (n − 1) of every trial's Sharpe.
    /// </summary>
    public static double Deflated(IReadOnlyList<double[]> trialReturns, int selected)
    {
        ArgumentNullException.ThrowIfNull(trialReturns);
        ArgumentOutOfRangeException.ThrowIfLessThan(trialReturns.Count, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(selected);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(selected, trialReturns.Count);
        var sharpes = trialReturns.Select(r => ReturnMoments.Of(r).Sharpe).ToArray();
        var mean = sharpes.Average();
        var variance = sharpes.Sum(s => (s - mean) * (s - mean)) / (sharpes.Length - 1);
        var chosen = ReturnMoments.Of(trialReturns[selected]);
        return Deflated(chosen.Sharpe, chosen.Count, chosen.Skewness, chosen.Kurtosis, trialReturns.Count, variance);
    }

    /// <summary>
    /// The DSR of every trial of a sweep at once: the expected maximum Sharpe ratio of the N trials is the same for
    /// each, so it is computed once; each trial then costs its own moments.
    /// </summary>
    public static double[] DeflatedAll(IReadOnlyList<double[]> trialReturns)
    {
        ArgumentNullException.ThrowIfNull(trialReturns);
        ArgumentOutOfRangeException.ThrowIfLessThan(trialReturns.Count, 2);
        var moments = trialReturns.Select(r => ReturnMoments.Of(r)).ToArray();
        var mean = moments.Average(m => m.Sharpe);
        var variance = moments.Sum(m => (m.Sharpe - mean) * (m.Sharpe - mean)) / (moments.Length - 1);
        var benchmark = ExpectedMaximum(moments.Length, variance);
        return moments.Select(m => Probabilistic(m.Sharpe, benchmark, m.Count, m.Skewness, m.Kurtosis)).ToArray();
    }

    /// <summary>
    /// MinBTL: the years of data below which the best of <paramref name="trials"/> unskilled trials is expected to show an
    /// annualised Sharpe ratio of <paramref name="annualSharpe"/>: (E[max] of N standard normals / SR)².
    /// </summary>
    public static double MinimumBacktestYears(int trials, double annualSharpe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(annualSharpe, 0);
        var expected = ExpectedMaximum(trials);
        return expected * expected / (annualSharpe * annualSharpe);
    }
}
