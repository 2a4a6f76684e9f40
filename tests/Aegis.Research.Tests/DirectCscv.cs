using Aegis.Research.Overfitting;

namespace Aegis.Research.Tests;

/// <summary>
/// CSCV done the plain way, as a check on the fast one: for every combination, concatenate the in-sample blocks and
/// the out-of-sample blocks in time order, recompute each trial's metric from the rows with two passes, rank by
/// sorting.
/// </summary>
public static class DirectCscv
{
    public sealed record Outcome(double Pbo, double ProbabilityOfLoss, double Slope, double Intercept, double[] Lambdas, int[] Best);

    public static Outcome Analyze(ReturnMatrix matrix, int splits, CscvMetric metric)
    {
        var dropped = matrix.Periods % splits;
        var length = matrix.Periods / splits;
        var blocks = Enumerable.Range(0, splits).ToArray();
        var combinations = Subsets(blocks, splits / 2).ToList();
        var lambdas = new List<double>();
        var best = new List<int>();
        var pairs = new List<(double InSample, double OutOfSample)>();
        foreach (var chosen in combinations)
        {
            var rest = blocks.Except(chosen).ToArray();
            var inSample = Metrics(matrix, Rows(chosen, dropped, length), metric);
            var outOfSample = Metrics(matrix, Rows(rest, dropped, length), metric);
            var star = Array.IndexOf(inSample, inSample.Max());
            var rank = AverageRanks(outOfSample)[star];
            var omega = rank / (matrix.Trials + 1);
            lambdas.Add(Math.Log(omega / (1 - omega)));
            best.Add(star);
            pairs.Add((inSample[star], outOfSample[star]));
        }

        var mx = pairs.Average(p => p.InSample);
        var my = pairs.Average(p => p.OutOfSample);
        var slope = pairs.Sum(p => (p.InSample - mx) * (p.OutOfSample - my)) / pairs.Sum(p => (p.InSample - mx) * (p.InSample - mx));
        return new Outcome(
            lambdas.Count(l => l <= 0) / (double)lambdas.Count,
            pairs.Count(p => p.OutOfSample < 0) / (double)pairs.Count,
            slope, my - slope * mx, [.. lambdas], [.. best]);
    }

    private static int[] Rows(int[] blocks, int dropped, int length) =>
        blocks.Order().SelectMany(b => Enumerable.Range(dropped + b * length, length)).ToArray();

    private static double[] Metrics(ReturnMatrix matrix, int[] rows, CscvMetric metric)
    {
        var result = new double[matrix.Trials];
        for (var n = 0; n < matrix.Trials; n++)
        {
            var column = rows.Select(t => matrix[t, n]).ToArray();
            var mean = column.Average();
            var sd = Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / (column.Length - 1));
            result[n] = metric == CscvMetric.Mean ? mean : sd > 0 ? mean / sd : 0;
        }

        return result;
    }

    private static double[] AverageRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i <= items.Length - size; i++)
        {
            foreach (var tail in Subsets(items[(i + 1)..], size - 1))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
