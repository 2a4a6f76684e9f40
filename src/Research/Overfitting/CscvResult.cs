namespace Aegis.Research.Overfitting;

/// <summary>
/// The outcome of a CSCV run (Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting").
/// <see cref="Pbo"/> is the share of combinations whose in-sample best trial ranks at or below the median out of
/// sample (λ ≤ 0); <see cref="ProbabilityOfLoss"/> the share whose in-sample best trial's out-of-sample metric is
/// below <see cref="LossThreshold"/>; the degradation is the OLS fit of the best trials' out-of-sample metric on their
/// in-sample metric (null when the in-sample values do not vary). <see cref="RowsDropped"/> counts the first
/// T mod S periods, left out so that every block has the same length.
/// </summary>
public sealed record CscvResult(
    CscvMetric Metric,
    int Periods,
    int Trials,
    int Splits,
    int RowsDropped,
    double Pbo,
    double ProbabilityOfLoss,
    double LossThreshold,
    double? DegradationSlope,
    double? DegradationIntercept,
    IReadOnlyList<CscvCombination> Combinations,
    StochasticDominance StochasticDominance);
