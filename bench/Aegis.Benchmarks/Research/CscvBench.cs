using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Research.Overfitting;

namespace Aegis.Benchmarks.Research;

/// <summary>
/// <c>cscv</c>: CSCV on an N × T matrix of normal returns with S splits (default the N = 1,000, T = 10,000,
/// S = 16: 12,870 combinations), against a straightforward baseline in the same run: for each combination,
/// concatenate the blocks, recompute every trial's metric from the rows, rank. The baseline is timed on a sample of
/// combinations and scaled to all of them.
/// </summary>
public static class CscvBench
{
    public static Task RunAsync(BenchArgs args)
    {
        var trials = args.Int("trials", 1_000);
        var periods = args.Int("periods", 10_000);
        var splits = args.Int("splits", 16);
        var runs = args.Int("runs", 3);
        var sample = args.Int("baseline-combinations", 16);
        args.EnsureAllUsed();

        var random = new Random(42);
        var values = new double[periods * trials];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = 0.01 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        var matrix = new ReturnMatrix(periods, trials, values);
        BenchReport.Line($"CSCV: N = {trials:N0} trials, T = {periods:N0} periods, S = {splits} on {Environment.ProcessorCount} cores");
        CscvResult? result = null;
        var times = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            result = Cscv.Analyze(matrix, splits, CscvMetric.Sharpe);
            times.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            BenchReport.Line($"  run {run + 1}: {times[^1]:F3} s wall, {cpu[^1]:F3} s CPU; PBO {result.Pbo:F4} over {result.Combinations.Count:N0} combinations");
        }

        var baselinePerCombination = Baseline(matrix, splits, sample);
        var baselineAll = baselinePerCombination * result!.Combinations.Count;
        var best = times.Min();
        BenchReport.Line($"  baseline (concatenate and recompute, one thread): {baselinePerCombination * 1000:F1} ms per combination over {sample}, " +
            $"{baselineAll:F0} s for all {result.Combinations.Count:N0}; fast path best {best:F3} s = {baselineAll / best:N0}x faster");
        BenchReport.Result("cscv", new Dictionary<string, object?>
        {
            ["trials"] = trials,
            ["periods"] = periods,
            ["splits"] = splits,
            ["combinations"] = result.Combinations.Count,
            ["bestSeconds"] = BenchReport.Round(best, 3),
            ["medianSeconds"] = BenchReport.Round(times.Order().ElementAt(times.Count / 2), 3),
            ["cpuSecondsOfBest"] = BenchReport.Round(cpu[times.IndexOf(best)], 3),
            ["baselineSecondsScaled"] = BenchReport.Round(baselineAll, 1),
            ["speedup"] = BenchReport.Round(baselineAll / best, 0),
        });
        return Task.CompletedTask;
    }

    // Seconds per combination of the plain method, timed over the first combinations in lexicographic order.
    private static double Baseline(ReturnMatrix matrix, int splits, int combinations)
    {
        var length = matrix.Periods / splits;
        var dropped = matrix.Periods % splits;
        var chosenSets = Choose(splits, splits / 2).Take(combinations).ToList();
        var clock = Stopwatch.StartNew();
        var checksum = 0.0;
        foreach (var chosen in chosenSets)
        {
            var inRows = chosen.SelectMany(b => Enumerable.Range(dropped + b * length, length)).ToArray();
            var outRows = Enumerable.Range(0, splits).Except(chosen).SelectMany(b => Enumerable.Range(dropped + b * length, length)).ToArray();
            var inSample = Sharpes(matrix, inRows);
            var outOfSample = Sharpes(matrix, outRows);
            var best = Array.IndexOf(inSample, inSample.Max());
            var sorted = outOfSample.Order().ToArray();
            var rank = Array.IndexOf(sorted, outOfSample[best]) + 1.0;
            checksum += Math.Log(rank / (matrix.Trials + 1 - rank));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        GC.KeepAlive(checksum);
        return seconds / chosenSets.Count;
    }

    private static double[] Sharpes(ReturnMatrix matrix, int[] rows)
    {
        var sharpes = new double[matrix.Trials];
        var column = new double[rows.Length];
        for (var n = 0; n < matrix.Trials; n++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                column[i] = matrix[rows[i], n];
            }

            var mean = column.Average();
            var deviation = Math.Sqrt(column.Sum(x => (x - mean) * (x - mean)) / (column.Length - 1));
            sharpes[n] = mean / deviation;
        }

        return sharpes;
    }

    private static IEnumerable<int[]> Choose(int splits, int take, int from = 0)
    {
        if (take == 0)
        {
            yield return [];
            yield break;
        }

        for (var b = from; b <= splits - take; b++)
        {
            foreach (var rest in Choose(splits, take - 1, b + 1))
            {
                yield return [b, .. rest];
            }
        }
    }
}
