using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;

namespace Aegis.Domain.Tests;

public sealed class StrategyCatalogTests
{
    private const string Spec = """
        id: added
        strategy: added-strategy
        parameters: { quantity: 5 }
        instruments: [SPY]
        limits: { maxPositionUnits: 100, maxNotional: 100000, maxOrdersPerMinute: 100, maxDailyLoss: 10000 }
        venue: paper
        startingCash: 100000
        """;

    private static readonly StrategyCatalog WithAdded = StrategyCatalog.Reference.With("added-strategy", p =>
        p.TryGetValue("quantity", out var q) && long.TryParse(q, System.Globalization.CultureInfo.InvariantCulture, out var quantity)
            ? new StrategyCreation(new MovingAverageCrossover(2, 4, quantity, allowShort: true), [])
            : new StrategyCreation(null, [new StrategyError("quantity", "is required")]));

    [Fact]
    public void A_spec_validates_against_the_catalog_it_is_read_with_and_builds_its_strategy_from_it()
    {
        Assert.Contains("strategy: unknown strategy 'added-strategy'", ScenarioSpecReader.Read(Spec).Errors[0], StringComparison.Ordinal);

        var spec = ScenarioSpecReader.Read(Spec, WithAdded).Spec!;
        Assert.IsType<MovingAverageCrossover>(WithAdded.CreateFor(spec));
        Assert.Equal(["parameters.quantity: is required"], ScenarioSpecReader.Read(Spec.Replace("{ quantity: 5 }", "{}", StringComparison.Ordinal), WithAdded).Errors);
        Assert.Throws<InvalidOperationException>(() => StrategyCatalog.Reference.CreateFor(spec));
    }

    [Fact]
    public void Reference_strategies_stay_reachable_and_cannot_be_taken_over()
    {
        Assert.IsType<ZScoreMeanReversion>(WithAdded.Create("zscore-reversion",
            new Dictionary<string, string> { ["window"] = "20", ["entryZ"] = "2", ["exitZ"] = "0.5", ["quantity"] = "10" }).Strategy);
        Assert.Throws<ArgumentException>(() => StrategyCatalog.Reference.With("ma-crossover", _ => new StrategyCreation(null, [])));
    }
}
