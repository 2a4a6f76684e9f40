using Aegis.Client.Commands;
using Aegis.Grains.Interfaces.Research;
using Aegis.Research.Statistics;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Client.Tests;

public sealed class ResearchTextTests
{
    [Fact]
    public void Grid_and_range_options_become_axes_and_ranges_and_a_malformed_one_is_named()
    {
        var grid = SweepArguments.Grid(["fast=3,5, 8", "slow=20"]);
        Assert.Equal(["3", "5", "8"], grid[0].Values);
        Assert.Equal(("slow", 1), (grid[1].Name, grid[1].Values.Count));

        var ranges = SweepArguments.Ranges(["entryZ=1.5..2.5"]);
        Assert.Equal(new SweepRange("entryZ", 1.5m, 2.5m), ranges[0]);

        Assert.Equal("--grid fast: expected NAME=V1,V2,...", Assert.Throws<FormatException>(() => SweepArguments.Grid(["fast"])).Message);
        Assert.Equal("--grid fast=: no values after '='", Assert.Throws<FormatException>(() => SweepArguments.Grid(["fast="])).Message);
        Assert.Equal("--range slow=60..20: expected NAME=MIN..MAX with MIN ≤ MAX", Assert.Throws<FormatException>(() => SweepArguments.Ranges(["slow=60..20"])).Message);
    }

    [Fact]
    public void The_progress_bar_fills_in_proportion_and_the_results_list_the_best_trial_first()
    {
        Assert.Equal("[###############...............] 5/10 chunks", ResearchText.ProgressBar(5, 10));
        var summary = new SweepSummary("job-1", "sample-day", "cross", "id: cross",
            [Trial(0, 0.5), Trial(1, 2.5), Trial(2, null)], BestTrial: 1, DeflatedSharpe: 0.97,
            new CscvFigures(8, 390, 0.25, 0.4, -0.5, 0.1), null, DateTimeOffset.UnixEpoch, []);

        var text = ResearchText.Results(summary, top: 10);

        Assert.Matches(@"(?m)^  best +cross-t0001 \(fast=4\), Sharpe 2\.5000$", text);
        Assert.Matches(@"(?m)^  pbo +0\.2500$", text);
        var rows = text.Split('\n').Where(l => l.StartsWith("cross-t", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cross-t0001", "cross-t0000", "cross-t0002"], rows.Select(r => r.Split(' ')[0]));
    }

    [Fact]
    public void A_recorded_backtest_says_whether_it_made_the_live_journals_decisions_and_where_it_parts()
    {
        var identical = new BacktestReport("spy", "live-1", 120, 5_000, 14, 6, 100_000m, 100_250.5m, 0.002505, 1.25, 0.001, "running", null,
            Recorded: true, LiveCompared: 14, LiveIdentical: true, null, null, 0);
        var text = ResearchText.Backtest(identical);
        Assert.Matches(@"(?m)^  mode +recorded live inputs, in logged order \(120 inputs\)$", text);
        Assert.Matches(@"(?m)^  equity +100000\.00 -> 100250\.50 \(0\.25%\)$", text);
        Assert.Matches(@"(?m)^  live +14 decisions identical to the live journal$", text);

        var diverged = identical with { LiveIdentical = false, LiveCompared = 3, LiveDivergenceAt = 4, LiveJournaled = "SPY seq 9", LiveReplayed = null };
        Assert.Equal("diverges at decision 4 after 3 identical: live: SPY seq 9 | backtest: (none)", ResearchText.Parity(diverged));
        Assert.Equal("no live journal for this scenario here", ResearchText.Parity(identical with { LiveIdentical = null }));
        Assert.DoesNotContain("live ", ResearchText.Backtest(identical with { Recorded = false }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_walk_forward_summary_is_told_from_a_sweeps_and_lists_its_folds()
    {
        var minute = 60_000_000_000L;
        var open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var summary = new WalkForwardSummary("wf-1", WalkForwardSummary.KindName, "sample-day", "cross", "id: cross", "rolling", 30, 2, 1, 0, 4,
            [new FoldSummary(0, open, open + (60 * minute), open + (60 * minute), open + (90 * minute), "cross-t0003", new Dictionary<string, string> { ["fast"] = "8" },
                1.5, 0.02, -0.005, -0.4, 6)],
            new PerformanceSummary(-0.005, -0.4, null, 0.01, 0.5, 0.2, 6, 30), 0.25, DateTimeOffset.UnixEpoch, []);
        var json = System.Text.Json.JsonSerializer.Serialize(summary, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

        Assert.True(ResearchText.IsWalkForward(json));
        Assert.False(ResearchText.IsWalkForward("""{"jobId":"s","trials":[]}"""));
        var text = ResearchText.WalkForward(summary);
        Assert.Matches(@"(?m)^  folds +1 \(rolling, train 2 x 30 min, test 1 x 30 min\) over 4 trials$", text);
        Assert.Matches(@"(?m)^  outOfSampleReturn +-0\.50%$", text);
        Assert.Matches(@"(?m)^  efficiency +0\.2500$", text);
        Assert.Matches(@"(?m)^0 .+ cross-t0003 +fast=8 +1\.5000 +2\.00% +-0\.50% +6 *$", text);
    }

    private static TrialSummary Trial(int index, double? sharpe) =>
        new(index, $"cross-t{index:D4}", new Dictionary<string, string> { ["fast"] = $"{index + 3}" },
            new PerformanceSummary(0.01, sharpe, null, 0.02, 1.5, 0.3, 10, 390), 0.5, "running", null);
}
