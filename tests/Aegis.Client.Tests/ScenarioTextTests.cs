using Aegis.Client.Commands;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class ScenarioTextTests
{
    [Fact]
    public void List_row_prints_money_with_two_decimals_and_a_dash_without_halt_reason() =>
        Assert.Equal(
            ["mac-aapl", "moving-average-crossover", "running", "7", "98765.43", "-12.50", "3.01", "100010.00", "0", "-"],
            ScenarioText.ListRow(Samples.Summary()));

    [Fact]
    public void List_row_ends_with_the_halt_reason()
    {
        var row = ScenarioText.ListRow(Samples.Summary(haltReason: "operator halt"));

        Assert.Equal(ScenarioText.ListHeaders.Count, row.Count);
        Assert.Equal("operator halt", row[^1]);
        Assert.Equal("halted", row[2]);
    }

    [Fact]
    public void A_scenario_behind_its_feeds_shows_the_quotes_waiting_and_the_age_of_the_oldest()
    {
        var behind = Samples.Summary() with { LagQuotes = 1_250, LagSeconds = 3.46 };

        Assert.Equal("1250 quotes, 3.5s", ScenarioText.ListRow(behind)[^2]);
        Assert.Equal("?", ScenarioText.Lag(behind with { LagQuotes = -1 }));
        Assert.Contains("  lag               1250 quotes, 3.5s\n", ScenarioText.Details(new ScenarioDetails(behind, [], [], [], new Dictionary<string, string>(), 0, 0)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_prints_each_reason_on_its_own_prefixed_line() =>
        Assert.Equal(
            ["aegis: invalid spec: strategy is required", "aegis: invalid spec: cash must be positive"],
            ScenarioText.RefusalLines("invalid spec", ["strategy is required", "cash must be positive"]));

    [Fact]
    public void Refusal_without_reasons_still_prints_one_line() =>
        Assert.Equal(["aegis: cannot pause scenario 'x': refused without a reason"], ScenarioText.RefusalLines("cannot pause scenario 'x'", []));

    [Fact]
    public void Details_show_summary_sorted_parameters_positions_orders_and_fills()
    {
        var details = new ScenarioDetails(
            Samples.Summary(haltReason: "risk: drawdown"),
            [new PositionView("AAPL", 100, 189.5m, 4m, 190.25m)],
            [new OrderView("o-2", "AAPL", "sell", 100, "limit", 191m, "day")],
            [new FillView("f-1", "o-1", "AAPL", "buy", 100, 189.5m, 1.25m, 1_700_000_000_500_000_000)],
            new Dictionary<string, string> { ["slow"] = "30", ["fast"] = "10" },
            DuplicateQuotes: 4,
            ThrottledOrders: 7);

        var text = ScenarioText.Details(details);

        Assert.StartsWith("scenario mac-aapl (MA crossover on AAPL)\n", text, StringComparison.Ordinal);
        Assert.Contains("  status            halted (risk: drawdown)\n", text, StringComparison.Ordinal);
        Assert.Contains("  duplicate quotes  4\n", text, StringComparison.Ordinal);
        Assert.Contains("  orders throttled  7\n", text, StringComparison.Ordinal);
        Assert.Contains("  last quote        2023-11-14T22:13:20.123Z\n", text, StringComparison.Ordinal);
        Assert.Contains("\nparameters\n  fast  10\n  slow  30\n", text, StringComparison.Ordinal);
        Assert.Contains("AAPL        100  189.50    190.25  4.00\n", text, StringComparison.Ordinal);
        Assert.Contains("o-2    AAPL        sell  100  limit  191.00  day\n", text, StringComparison.Ordinal);
        Assert.Contains("2023-11-14T22:13:20.500Z  f-1   o-1    AAPL        buy   100  189.50  1.25\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Details_of_a_fresh_scenario_say_none_for_empty_sections()
    {
        var text = ScenarioText.Details(new ScenarioDetails(Samples.Summary(), [], [], [], new Dictionary<string, string>(), 0, 0));

        Assert.Contains("\nparameters\n  (none)\n", text, StringComparison.Ordinal);
        Assert.Contains("\npositions\n  (none)\n", text, StringComparison.Ordinal);
        Assert.Contains("\nopen orders\n  (none)\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nrecent fills\n  (none)\n", text, StringComparison.Ordinal);
    }
}
