namespace Aegis.Research.WalkForward;

/// <summary>
/// The folds of a walk-forward analysis over <c>periods</c> consecutive periods (days, partitions): each fold's test
/// window follows its training window (after an optional gap, an embargo against leakage), and the test windows
/// tile the periods after the first training window without overlap, so their results stitch into one out-of-sample
/// curve. A last test window shorter than the others is kept.
/// </summary>
public static class WalkForwardPlan
{
    public static IReadOnlyList<WalkForwardFold> Folds(int periods, int trainLength, int testLength, WalkForwardMode mode, int gap = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(testLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        if (periods < trainLength + gap + 1)
        {
            throw new ArgumentException($"{periods} periods leave nothing to test after {trainLength} to train and a gap of {gap}", nameof(periods));
        }

        var folds = new List<WalkForwardFold>();
        for (var testStart = trainLength + gap; testStart < periods; testStart += testLength)
        {
            var trainEnd = testStart - gap;
            var trainStart = mode == WalkForwardMode.Anchored ? 0 : trainEnd - trainLength;
            folds.Add(new WalkForwardFold(folds.Count, trainStart, trainEnd, testStart, Math.Min(testStart + testLength, periods)));
        }

        return folds;
    }
}
