using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Shadow.Validation;
using Aegis.Testing;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class ValidatorAndScanTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_validator_passes_a_healthy_lane_then_names_the_tampered_fill_and_the_tape_gap_and_the_scan_writes_a_row_per_scenario_and_feed()
    {
        await using var live = await LiveLaneCluster.StartAsync(postgres, "validator");
        Assert.True((await live.Client.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(Quotes.MovingAverageSpec("solo"))).Succeeded);
        var feed = live.Client.GetGrain<IInstrumentFeedGrain>("SPY");
        await feed.Publish(Quotes.Zigzag("SPY", 1));
        await feed.Publish(Quotes.Zigzag("SPY", 20));
        await WaitJournaledAsync(live, 38);

        await using var shadow = await ShadowLaneCluster.StartAsync(postgres, live.ConnectionString);
        await WaitFollowedAsync(live, shadow);
        var validator = shadow.Client.GetGrain<IValidatorGrain>(IValidatorGrain.Key);
        var healthy = await validator.Check(null);
        Assert.Equal(ValidationRules.Names, healthy.Select(v => v.Rule));
        Assert.All(healthy, v => Assert.True(v.Passed, $"{v.Rule}: {v.Detail}"));
        Assert.Equal(1, healthy.Single(v => v.Rule == ValidationRules.PositionsEqualFills).Checked);
        Assert.Equal(1, healthy.Single(v => v.Rule == ValidationRules.TapeWithoutGaps).Checked);
        Assert.True(await live.CountAsync("SELECT count(*) FROM scenario_fills WHERE scenario_id = 'solo'") >= 2, "the zigzags should have filled orders");

        // A fill's quantity changed behind the lanes' backs, and a feed that skipped sequences 39..49.
        await live.CountAsync("WITH f AS (SELECT fill_id FROM scenario_fills WHERE scenario_id = 'solo' ORDER BY fill_id LIMIT 1) " +
            "UPDATE scenario_fills SET quantity = quantity + 1 FROM f WHERE scenario_fills.scenario_id = 'solo' AND scenario_fills.fill_id = f.fill_id RETURNING 1");
        await feed.Publish(Quotes.Zigzag("SPY", 50));
        await WaitJournaledAsync(live, 57);
        await WaitFollowedAsync(live, shadow);

        var broken = (await validator.Check(null)).ToDictionary(v => v.Rule);
        Assert.False(broken[ValidationRules.PositionsEqualFills].Passed);
        Assert.StartsWith("1 of 1 fail: solo SPY: position ", broken[ValidationRules.PositionsEqualFills].Detail, StringComparison.Ordinal);
        Assert.False(broken[ValidationRules.CashEqualsFills].Passed);
        Assert.Contains("solo: cash ", broken[ValidationRules.CashEqualsFills].Detail, StringComparison.Ordinal);
        Assert.False(broken[ValidationRules.TapeWithoutGaps].Passed);
        Assert.Equal("1 of 1 fail: SPY/test: 1 gap(s), first missing from sequence 39", broken[ValidationRules.TapeWithoutGaps].Detail);
        Assert.True(broken[ValidationRules.DecisionsHaveTapeQuotes].Passed, broken[ValidationRules.DecisionsHaveTapeQuotes].Detail);
        Assert.True(broken[ValidationRules.LagWithinLimits].Passed, broken[ValidationRules.LagWithinLimits].Detail);

        // Every verdict is a row; a rule that starts failing raises one alert, not one per run.
        Assert.Equal(2 * ValidationRules.Names.Count, await live.CountAsync("SELECT count(*) FROM validator_verdicts"));
        Assert.Equal(3, await live.CountAsync("SELECT count(*) FROM validator_verdicts WHERE NOT passed"));
        Assert.Single(await validator.Check(ValidationRules.TapeWithoutGaps), v => !v.Passed);
        Assert.Equal(3, await live.CountAsync("SELECT count(*) FROM alerts WHERE lane = 'shadow' AND source = 'validator'"));
        await Assert.ThrowsAsync<ArgumentException>(() => validator.Check("no-such-rule"));

        var scan = await shadow.Client.GetGrain<IScanCycleGrain>(IScanCycleGrain.Key).Scan();
        Assert.Equal((1, 1), (scan.Scenarios, scan.Feeds));
        var book = (await shadow.Client.GetGrain<IShadowScenarioGrain>("solo").GetBook())!;
        Assert.Equal(book.Positions["SPY"], await live.CountAsync($"SELECT (positions ->> 'SPY')::bigint FROM scan_scenarios WHERE scan_id = '{scan.ScanId}'"));
        Assert.Equal(book.Positions.Count, await live.CountAsync($"SELECT count(*) FROM scan_scenarios, jsonb_object_keys(positions) WHERE scan_id = '{scan.ScanId}'"));
        Assert.Equal(book.DecisionSequence, await live.CountAsync($"SELECT decisions FROM scan_scenarios WHERE scan_id = '{scan.ScanId}' AND scenario_id = 'solo'"));
        Assert.Equal(68, await live.CountAsync($"SELECT last_sequence FROM scan_feeds WHERE scan_id = '{scan.ScanId}' AND instrument_id = 'SPY' AND source = 'test'"));
        Assert.Equal(1, await live.CountAsync($"SELECT count(*) FROM scan_feeds WHERE scan_id = '{scan.ScanId}' AND staleness_seconds > 0 AND bid = 103"));
    }

    private static Task WaitJournaledAsync(LiveLaneCluster live, long quotes) =>
        Eventually.UntilAsync(async () => await live.CountAsync("SELECT coalesce(sum(quote_count), 0) FROM scenario_inputs WHERE scenario_id = 'solo'") == quotes,
            Deadline, $"{quotes} quotes of 'solo' to be journaled");

    private static async Task WaitFollowedAsync(LiveLaneCluster live, ShadowLaneCluster shadow)
    {
        var last = await live.CountAsync("SELECT max(input_sequence) FROM scenario_inputs WHERE scenario_id = 'solo'");
        await Eventually.UntilAsync(() => shadow.Client.GetGrain<IParityGrain>("solo").GetReport(), r => r.ThroughInput == last, Deadline, "the twin to follow every input");
    }
}
