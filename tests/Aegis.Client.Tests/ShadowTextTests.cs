using Aegis.Client.Commands;
using Aegis.Grains.Interfaces.Shadow;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class ShadowTextTests
{
    private static readonly DateTime Updated = new(2026, 12, 1, 14, 30, 5, DateTimeKind.Utc);

    private static ParityReport Report(long compared, long matched, ParityDivergence? first = null) =>
        new("spy-ma", "1.0.0+aaaa", "1.0.0+bbbb", compared, matched, compared - matched, 120, first, Updated);

    [Fact]
    public void Parity_is_the_matched_share_and_one_divergence_in_many_never_rounds_up_to_100()
    {
        Assert.Equal("100.00%", ShadowText.Percent(Report(0, 0)));
        Assert.Equal("100.00%", ShadowText.Percent(Report(40, 40)));
        Assert.Equal("99.99%", ShadowText.Percent(Report(100_000, 99_999)));
        Assert.Equal("75.00%", ShadowText.Percent(Report(4, 3)));
    }

    [Fact]
    public void A_parity_row_names_both_builds() =>
        Assert.Equal(["spy-ma", "75.00%", "4", "3", "1", "120", "1.0.0+aaaa", "1.0.0+bbbb"], ShadowText.ParityRow(Report(4, 3)));

    [Fact]
    public void Details_show_the_first_divergence_with_both_sides()
    {
        var first = new ParityDivergence(7, 31, "input 31: SPY seq 10; order spy-ma-3 Buy 10", "(none)", "1.0.0+aaaa", "1.0.0+bbbb", Updated);

        var text = ShadowText.Details(Report(8, 7, first));

        Assert.Contains("first divergence: decision 7, input 31\n", text, StringComparison.Ordinal);
        Assert.Contains("  live    input 31: SPY seq 10; order spy-ma-3 Buy 10\n", text, StringComparison.Ordinal);
        Assert.Contains("  shadow  (none)\n", text, StringComparison.Ordinal);
        Assert.Contains("updated        2026-12-01T14:30:05Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_twin_that_is_behind_shows_the_inputs_and_exchange_time_it_has_to_take_and_a_failed_one_its_reason()
    {
        var behind = new ShadowTwinStatus("spy-ma", "following", null, "running", 90, 120, 12, 5000, 30, 61.25, "1.0.0+bbbb");
        var failed = behind with { State = "failed", Failure = "its spec does not build in this build" };

        Assert.Equal(["spy-ma", "following", "running", "90", "120", "30 inputs, 61.3s", "12", "1.0.0+bbbb"], ShadowText.TwinRow(behind));
        Assert.Equal("0", ShadowText.Lag(behind with { LagInputs = 0, LagSeconds = 0 }));
        Assert.Equal("failed: its spec does not build in this build", ShadowText.TwinRow(failed)[1]);
    }

    [Fact]
    public void A_failed_verdict_stands_out_and_keeps_its_detail()
    {
        var failed = new ValidationVerdict("tape-without-gaps", false, 16, 1, "1 of 16 fail: SPY/replay: 1 gap(s), first missing from sequence 39", Updated);

        Assert.Equal(["tape-without-gaps", "FAIL", "16", "1", "1 of 16 fail: SPY/replay: 1 gap(s), first missing from sequence 39"], ValidateCommand.Row(failed));
        Assert.Equal("pass", ValidateCommand.Row(failed with { Passed = true, Failures = 0 })[1]);
    }
}
