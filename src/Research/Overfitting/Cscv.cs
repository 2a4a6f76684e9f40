namespace Aegis.Research.Overfitting;

/// <summary>
/// Combinatorially symmetric cross-validation (Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest
/// Overfitting", 2017). The T × N matrix is cut into S contiguous blocks of equal length; for every choice of S/2 of
/// them as the in-sample half (the other half out of sample), the trial with the best in-sample metric is ranked
/// out of sample.
/// </summary>
/// <remarks>
/// Conventions, where published implementations differ: the relative rank is ω = rank / (N + 1) with average ranks
/// on ties (so ω lies in (0, 1) and λ is finite), the in-sample best is the first maximum, and when S does not divide
/// T the first T mod S periods are left out. A half sample's metric serves as in-sample for one combination and as
/// out-of-sample for its complement, so each is computed once, from per-block moments.
/// </remarks>
public static class Cscv
{
    public const int DefaultGridPoints = 101;

    public static CscvResult Analyze(ReturnMatrix matrix, int splits, CscvMetric metric = CscvMetric.Sharpe, double lossThreshold = 0,
        int gridPoints = DefaultGridPoints)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (splits < 2 || splits % 2 != 0 || splits > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(splits), splits, "the number of splits S must be even, from 2 to 30");
        }

        if (matrix.Trials < 2)
        {
            throw new ArgumentException($"CSCV compares trials: the matrix has {matrix.Trials}", nameof(matrix));
        }

        var blockLength = matrix.Periods / splits;
        var halfLength = blockLength * (splits / 2);
        if (blockLength < 1 || (metric == CscvMetric.Sharpe && halfLength < 2))
        {
            throw new ArgumentException($"{matrix.Periods} periods are too few for {splits} splits" +
                (metric == CscvMetric.Sharpe ? " (a Sharpe ratio needs at least 2 periods per half)" : string.Empty), nameof(matrix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(gridPoints, 2);
        var dropped = matrix.Periods % splits;
        var moments = new BlockMoments(matrix, dropped, blockLength, splits);
        var halves = new HalfSplits(splits);
        var combinations = new CscvCombination[halves.Count];
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        var bounds = new Lock();

        // Choices holding block 0 are the first half of the list, and their complements the second.
        Parallel.For(0, halves.Count / 2,
            () => new Scratch(matrix.Trials),
            (i, _, scratch) =>
            {
                var j = halves.ComplementOf(i);
                moments.Measure(halves.Blocks[i], metric, scratch.First, scratch.Squares);
                moments.Measure(halves.Blocks[j], metric, scratch.Second, scratch.Squares);
                combinations[i] = Evaluate(halves.Blocks[i], scratch.First, scratch.Second);
                combinations[j] = Evaluate(halves.Blocks[j], scratch.Second, scratch.First);
                scratch.Include(scratch.First);
                scratch.Include(scratch.Second);
                return scratch;
            },
            scratch =>
            {
                lock (bounds)
                {
                    (low, high) = (Math.Min(low, scratch.Low), Math.Max(high, scratch.High));
                }
            });

        var pbo = (double)combinations.Count(c => c.Lambda <= 0) / combinations.Length;
        var loss = (double)combinations.Count(c => c.OutOfSample < lossThreshold) / combinations.Length;
        var (slope, intercept) = Degradation(combinations);
        var dominance = Dominance(moments, halves, metric, combinations, low, high, gridPoints);
        return new CscvResult(metric, matrix.Periods, matrix.Trials, splits, dropped, pbo, loss, lossThreshold, slope, intercept, combinations, dominance);
    }

    private static CscvCombination Evaluate(int[] inSampleBlocks, ReadOnlySpan<double> inSample, ReadOnlySpan<double> outOfSample)
    {
        var best = 0;
        for (var n = 1; n < inSample.Length; n++)
        {
            if (inSample[n] > inSample[best])
            {
                best = n;
            }
        }

        var value = outOfSample[best];
        int below = 0, equal = 0;
        foreach (var other in outOfSample)
        {
            below += other < value ? 1 : 0;
            equal += other == value ? 1 : 0;
        }

        var rank = below + (equal + 1) / 2.0; // the average of the ranks the tied values share
        var omega = rank / (outOfSample.Length + 1);
        return new CscvCombination(inSampleBlocks, best, inSample[best], value, rank, Math.Log(omega / (1 - omega)));
    }

    // Ordinary least squares of out-of-sample on in-sample metric of the in-sample best trials.
    private static (double? Slope, double? Intercept) Degradation(IReadOnlyList<CscvCombination> combinations)
    {
        var meanX = combinations.Average(c => c.InSample);
        var meanY = combinations.Average(c => c.OutOfSample);
        double sxx = 0, sxy = 0;
        foreach (var c in combinations)
        {
            sxx += (c.InSample - meanX) * (c.InSample - meanX);
            sxy += (c.InSample - meanX) * (c.OutOfSample - meanY);
        }

        if (sxx <= 0)
        {
            return (null, null);
        }

        var slope = sxy / sxx;
        return (slope, meanY - slope * meanX);
    }

    // Every half's metrics are the out-of-sample values of exactly one combination, so pooling them all is F_all.
    private static StochasticDominance Dominance(BlockMoments moments, HalfSplits halves, CscvMetric metric, CscvCombination[] combinations,
        double low, double high, int gridPoints)
    {
        var points = high > low ? gridPoints : 1;
        var width = points > 1 ? (high - low) / (points - 1) : 0;
        var grid = Enumerable.Range(0, points).Select(k => k == points - 1 ? high : low + k * width).ToArray();
        var all = new long[points];
        Parallel.For(0, halves.Count,
            () => (Scratch: new Scratch(moments.Trials), Counts: new long[points]),
            (i, _, local) =>
            {
                moments.Measure(halves.Blocks[i], metric, local.Scratch.First, local.Scratch.Squares);
                foreach (var value in local.Scratch.First)
                {
                    local.Counts[Bin(value, low, width, points)]++;
                }

                return local;
            },
            local =>
            {
                lock (all)
                {
                    for (var k = 0; k < points; k++)
                    {
                        all[k] += local.Counts[k];
                    }
                }
            });

        var optimal = new long[points];
        foreach (var c in combinations)
        {
            optimal[Bin(c.OutOfSample, low, width, points)]++;
        }

        var allCdf = Cumulative(all, (double)halves.Count * moments.Trials);
        var optimalCdf = Cumulative(optimal, combinations.Length);
        var first = allCdf.Zip(optimalCdf, (a, o) => a - o).ToArray();
        var second = new double[points];
        for (var k = 1; k < points; k++)
        {
            second[k] = second[k - 1] + (first[k - 1] + first[k]) / 2 * (grid[k] - grid[k - 1]);
        }

        const double Tolerance = 1e-12;
        return new StochasticDominance(grid, allCdf, optimalCdf, first, second, first.All(d => d >= -Tolerance), second.All(d => d >= -Tolerance));
    }

    // The first grid point at or above the value: counting there gives F(x_k) = share of values ≤ x_k.
    private static int Bin(double value, double low, double width, int points) =>
        width == 0 ? 0 : Math.Clamp((int)Math.Ceiling((value - low) / width), 0, points - 1);

    private static double[] Cumulative(long[] counts, double total)
    {
        var cdf = new double[counts.Length];
        long running = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            running += counts[k];
            cdf[k] = running / total;
        }

        return cdf;
    }

    private sealed class Scratch(int trials)
    {
        public double[] First { get; } = new double[trials];

        public double[] Second { get; } = new double[trials];

        public double[] Squares { get; } = new double[trials];

        public double Low { get; private set; } = double.PositiveInfinity;

        public double High { get; private set; } = double.NegativeInfinity;

        public void Include(double[] values)
        {
            foreach (var value in values)
            {
                Low = Math.Min(Low, value);
                High = Math.Max(High, value);
            }
        }
    }
}
