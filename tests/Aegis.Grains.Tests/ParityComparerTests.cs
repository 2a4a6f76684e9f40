using Aegis.Domain.Orders;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Grains.Shadow.Parity;

namespace Aegis.Grains.Tests;

[Trait("Category", "Unit")]
public sealed class ParityComparerTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static RecordedDecision Decision(long sequence, long input, decimal bid, ScenarioStatus status = ScenarioStatus.Running) =>
        new(sequence, input, new ScenarioDecision("s", "SPY", input, 1_000 + input, [new OrderIntent("s-1", "SPY", OrderSide.Buy, 10, OrderType.Market, null, TimeInForce.Day)],
            [], [], status, [], 1, bid, bid + 0.01m, null));

    [Fact]
    public void Equal_decisions_all_match_and_the_last_compared_is_the_last_number()
    {
        RecordedDecision[] both = [Decision(4, 10, 100m), Decision(5, 12, 101m)];

        var result = ParityComparer.Compare(both, [.. both.Select(d => d with { Decision = d.Decision with { } })], 3, "a", "b", Now);

        Assert.Equal((2L, 2L, 5L), (result.Compared, result.Matched, result.LastCompared));
        Assert.Empty(result.Divergences);
    }

    [Fact]
    public void A_different_field_a_different_input_and_a_decision_only_one_lane_made_are_each_a_divergence()
    {
        RecordedDecision[] live = [Decision(1, 1, 100m), Decision(2, 2, 100m), Decision(3, 3, 100m), Decision(4, 4, 100m)];
        RecordedDecision[] shadow = [Decision(1, 1, 100m), Decision(2, 2, 100m, ScenarioStatus.Halted), Decision(3, 5, 100m)];

        var result = ParityComparer.Compare(live, shadow, 0, "live-build", "shadow-build", Now);

        Assert.Equal((4L, 1L, 4L), (result.Compared, result.Matched, result.LastCompared));
        Assert.Equal([2L, 3L, 4L], result.Divergences.Select(d => d.DecisionSequence));
        Assert.Contains("status halted", result.Divergences[0].Shadow, StringComparison.Ordinal);
        Assert.Contains("status running", result.Divergences[0].Live, StringComparison.Ordinal);
        Assert.StartsWith("input 5:", result.Divergences[1].Shadow, StringComparison.Ordinal);
        Assert.Equal(ParityComparer.None, result.Divergences[2].Shadow);
        Assert.All(result.Divergences, d => Assert.Equal(("live-build", "shadow-build"), (d.LiveBuild, d.ShadowBuild)));
    }
}
