namespace Aegis.Research.WalkForward;

/// <summary>
/// A fold in time: train on quotes with exchange times in [<paramref name="TrainStartUnixNs"/>,
/// <paramref name="TrainEndUnixNs"/>), test on [<paramref name="TestStartUnixNs"/>, <paramref name="TestEndUnixNs"/>).
/// </summary>
public sealed record WalkForwardWindow(int Fold, long TrainStartUnixNs, long TrainEndUnixNs, long TestStartUnixNs, long TestEndUnixNs)
{
    /// <summary>
    /// The folds of <see cref="WalkForwardPlan"/> over periods of <paramref name="periodUnixNs"/> from the whole period
    /// that holds <paramref name="firstUnixNs"/> to the one that holds <paramref name="lastUnixNs"/>.
    /// </summary>
    public static IReadOnlyList<WalkForwardWindow> Over(long firstUnixNs, long lastUnixNs, long periodUnixNs, int trainPeriods, int testPeriods,
        WalkForwardMode mode, int gap = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodUnixNs, 1);
        if (lastUnixNs < firstUnixNs)
        {
            throw new ArgumentException("the data ends before it starts");
        }

        var origin = firstUnixNs / periodUnixNs * periodUnixNs;
        var periods = checked((int)((lastUnixNs - origin) / periodUnixNs + 1));
        return WalkForwardPlan.Folds(periods, trainPeriods, testPeriods, mode, gap)
            .Select(f => new WalkForwardWindow(f.Index, origin + f.TrainStart * periodUnixNs, origin + f.TrainEnd * periodUnixNs,
                origin + f.TestStart * periodUnixNs, origin + f.TestEnd * periodUnixNs))
            .ToList();
    }
}
