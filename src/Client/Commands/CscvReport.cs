using Aegis.Research.Overfitting;

namespace Aegis.Client.Commands;

/// <summary>What <c>aegis bt cscv --json</c> prints: the figures under the names the research lane documents.</summary>
public sealed record CscvReport(
    string Metric,
    int Periods,
    int RowsDropped,
    int Trials,
    int Splits,
    int Combinations,
    double Pbo,
    double ProbabilityOfLoss,
    double? DegradationSlope,
    double? DegradationIntercept,
    IReadOnlyList<double> Lambdas,
    IReadOnlyList<LambdaBin> LambdaHistogram,
    StochasticDominance StochasticDominance)
{
    public static CscvReport From(CscvResult result, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lambdas = result.Combinations.Select(c => c.Lambda).ToArray();
        return new CscvReport(result.Metric.ToString().ToLowerInvariant(), result.Periods, result.RowsDropped, result.Trials, result.Splits,
            result.Combinations.Count, result.Pbo, result.ProbabilityOfLoss, result.DegradationSlope, result.DegradationIntercept,
            lambdas, LambdaBin.Histogram(lambdas, bins), result.StochasticDominance);
    }
}

/// <summary>How many combinations' λ fell in [From, To) (the last bin includes its upper end).</summary>
public sealed record LambdaBin(double From, double To, int Count)
{
    public static IReadOnlyList<LambdaBin> Histogram(IReadOnlyList<double> values, int bins)
    {
        var (low, high) = (values.Min(), values.Max());
        if (high <= low)
        {
            return [new LambdaBin(low, high, values.Count)];
        }

        var width = (high - low) / bins;
        var counts = new int[bins];
        foreach (var value in values)
        {
            counts[Math.Min(bins - 1, (int)((value - low) / width))]++;
        }

        return counts.Select((count, k) => new LambdaBin(low + k * width, k == bins - 1 ? high : low + (k + 1) * width, count)).ToList();
    }
}
