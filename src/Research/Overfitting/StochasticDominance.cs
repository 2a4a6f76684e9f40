namespace Aegis.Research.Overfitting;

/// <summary>
/// Whether choosing the in-sample best trial beats picking a trial at random, out of sample. On a grid of metric
/// values x: F_all(x), the empirical CDF of every trial's out-of-sample metric over all combinations pooled;
/// F_opt(x), that of the in-sample best trial's; the difference F_all − F_opt (first order) and its running
/// integral from the lowest value (second order, by the trapezoid rule). The selection dominates at first order when
/// the difference is never negative, at second order when the integral is never negative.
/// </summary>
public sealed record StochasticDominance(
    IReadOnlyList<double> Grid,
    IReadOnlyList<double> AllCdf,
    IReadOnlyList<double> OptimalCdf,
    IReadOnlyList<double> FirstOrder,
    IReadOnlyList<double> SecondOrder,
    bool DominatesFirstOrder,
    bool DominatesSecondOrder);
