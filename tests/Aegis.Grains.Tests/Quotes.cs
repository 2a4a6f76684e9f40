using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Tests;

/// <summary>Quotes made by the tests.</summary>
public static class Quotes
{
    public const long StartUnixNs = 1_772_461_800_000_000_000; // 2026-03-02T14:30:00Z

    public static Quote At(string instrument, long sequence, decimal bid, decimal? ask = null, string source = "test") =>
        new(instrument, bid, ask ?? bid + 0.01m, 100, 100, StartUnixNs + (sequence * 1_000_000_000), StartUnixNs + (sequence * 1_000_000_000), source, sequence);

    /// <summary>A price path that makes a 2/4 moving-average crossover buy, then sell, then buy.</summary>
    public static QuoteBatch Zigzag(string instrument, long firstSequence = 1)
    {
        decimal[] bids = [100, 100, 100, 100, 101, 102, 103, 104, 103, 102, 101, 100, 99, 98, 99, 100, 101, 102, 103];
        return new QuoteBatch(bids.Select((bid, i) => At(instrument, firstSequence + i, bid)).ToArray());
    }

    public static string MovingAverageSpec(string id, string instrument = "SPY") => $$"""
        id: {{id}}
        strategy: ma-crossover
        parameters: { fast: 2, slow: 4, quantity: 10 }
        instruments: [{{instrument}}]
        limits: { maxPositionUnits: 100, maxNotional: 100000, maxOrdersPerMinute: 100, maxDailyLoss: 10000 }
        venue: paper
        startingCash: 100000
        """;
}
