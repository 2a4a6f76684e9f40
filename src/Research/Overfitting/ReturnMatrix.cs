namespace Aegis.Research.Overfitting;

/// <summary>
/// The per-period performance of N trials (parameter sets) over the same T periods: row t is period t, column n is
/// trial n. Values are returns (or PnL) per period; every one is finite.
/// </summary>
public sealed class ReturnMatrix
{
    private readonly double[] _values;

    /// <param name="periods">T, the rows.</param>
    /// <param name="trials">N, the columns.</param>
    /// <param name="values">Row-major: period t's value for trial n at <c>t * trials + n</c>.</param>
    /// <param name="trialNames">One name per trial; "0", "1", … when none are given.</param>
    public ReturnMatrix(int periods, int trials, double[] values, IReadOnlyList<string>? trialNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        if (values.Length != (long)periods * trials)
        {
            throw new ArgumentException($"{values.Length} values for {periods} periods of {trials} trials", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"period {i / trials + 1}, trial {i % trials + 1}: {values[i]} is not a finite number", nameof(values));
            }
        }

        if (trialNames is not null && trialNames.Count != trials)
        {
            throw new ArgumentException($"{trialNames.Count} trial names for {trials} trials", nameof(trialNames));
        }

        Periods = periods;
        Trials = trials;
        _values = values;
        TrialNames = trialNames ?? Enumerable.Range(0, trials).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    public int Periods { get; }

    public int Trials { get; }

    public IReadOnlyList<string> TrialNames { get; }

    public double this[int period, int trial] => _values[period * Trials + trial];

    /// <summary>Period <paramref name="period"/>'s values, one per trial.</summary>
    public ReadOnlySpan<double> Row(int period) => _values.AsSpan(period * Trials, Trials);

    /// <summary>A matrix from one array per trial, each holding the same number of periods.</summary>
    public static ReturnMatrix FromColumns(IReadOnlyList<double[]> columns, IReadOnlyList<string>? trialNames = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("no trials", nameof(columns));
        }

        var periods = columns[0].Length;
        var values = new double[periods * columns.Count];
        for (var n = 0; n < columns.Count; n++)
        {
            if (columns[n].Length != periods)
            {
                throw new ArgumentException($"trial {n + 1} has {columns[n].Length} periods, trial 1 has {periods}", nameof(columns));
            }

            for (var t = 0; t < periods; t++)
            {
                values[t * columns.Count + n] = columns[n][t];
            }
        }

        return new ReturnMatrix(periods, columns.Count, values, trialNames);
    }
}
