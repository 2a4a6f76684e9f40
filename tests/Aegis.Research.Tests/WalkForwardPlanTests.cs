using Aegis.Research.WalkForward;

namespace Aegis.Research.Tests;

public sealed class WalkForwardPlanTests
{
    [Fact]
    public void Rolling_windows_keep_their_length_and_slide_by_the_test_length()
    {
        var folds = WalkForwardPlan.Folds(10, 4, 2, WalkForwardMode.Rolling);

        Assert.Equal(new[] { (0, 4, 4, 6), (2, 6, 6, 8), (4, 8, 8, 10) }, folds.Select(f => (f.TrainStart, f.TrainEnd, f.TestStart, f.TestEnd)));
        Assert.All(folds, f => Assert.Equal(4, f.TrainLength));
    }

    [Fact]
    public void Anchored_windows_start_at_the_first_period_and_the_test_windows_tile_the_rest()
    {
        var folds = WalkForwardPlan.Folds(11, 4, 3, WalkForwardMode.Anchored, gap: 1);

        Assert.Equal(new[] { (0, 4, 5, 8), (0, 7, 8, 11) }, folds.Select(f => (f.TrainStart, f.TrainEnd, f.TestStart, f.TestEnd)));
    }

    [Fact]
    public void A_last_short_test_window_is_kept_and_too_few_periods_are_refused()
    {
        Assert.Equal((7, 9), WalkForwardPlan.Folds(9, 4, 3, WalkForwardMode.Rolling)[^1] is var last ? (last.TestStart, last.TestEnd) : default);
        Assert.Throws<ArgumentException>(() => WalkForwardPlan.Folds(4, 4, 1, WalkForwardMode.Rolling));
    }
}
