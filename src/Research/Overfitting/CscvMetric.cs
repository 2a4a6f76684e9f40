namespace Aegis.Research.Overfitting;

/// <summary>The performance measure CSCV ranks trials by, in and out of sample.</summary>
public enum CscvMetric
{
    /// <summary>The mean of the period values.</summary>
    Mean,

    /// <summary>
    /// Per-period Sharpe ratio: mean over sample standard deviation (n − 1), no risk-free rate, not annualised;
    /// 0 when the standard deviation is 0.
    /// </summary>
    Sharpe,
}
