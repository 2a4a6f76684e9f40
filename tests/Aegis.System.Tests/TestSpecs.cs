using System.Globalization;

namespace Aegis.SystemTests;

/// <summary>Scenario specs written by the tests themselves.</summary>
public static class TestSpecs
{
    public static string MovingAverage(string id, string instrument, int quantity) => string.Create(CultureInfo.InvariantCulture, $"""
        id: {id}
        name: Test {id}
        strategy: ma-crossover
        parameters:
          fast: 5
          slow: 20
          quantity: {quantity}
        instruments: [{instrument}]
        limits:
          maxPositionUnits: 1000
          maxNotional: 1000000
          maxOrdersPerMinute: 100
          maxDailyLoss: 100000
        venue: paper
        startingCash: 100000
        """);
}
