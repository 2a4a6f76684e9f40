using Aegis.Domain.Execution;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Risk;
using Aegis.Domain.Scenarios;

namespace Aegis.Research.Tests;

/// <summary>Synthetic random-walk quotes in the regular session and specs of the reference strategies over them.</summary>
internal static class Market
{
    // 2026-03-02 14:30 UTC = 09:30 New York, the open.
    public static readonly long Open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public static Instrument? Lookup(string id) => Instrument.Equity(id);

    /// <summary>One quote every <paramref name="stepMs"/> ms (with jitter) for <paramref name="count"/> quotes.</summary>
    public static QuoteColumns Walk(string instrumentId, int count, int seed, int stepMs = 1_000, decimal start = 100m)
    {
        var random = new Random(seed);
        var mid = start;
        var quotes = new List<Quote>(count);
        for (var i = 0; i < count; i++)
        {
            mid = Math.Max(1m, mid + random.Next(-5, 6) / 100m);
            var time = Open + (long)i * stepMs * 1_000_000 + random.Next(0, 1000) * 1_000;
            quotes.Add(new Quote(instrumentId, mid - 0.01m, mid + 0.01m, 100, 100, time, time, "replay", i + 1));
        }

        return QuoteColumns.From(instrumentId, quotes);
    }

    public static ScenarioSpec Crossover(string id = "cross", int fast = 5, int slow = 20, params string[] instruments) =>
        new(id, id, "ma-crossover", new Dictionary<string, string> { ["fast"] = $"{fast}", ["slow"] = $"{slow}", ["quantity"] = "100" },
            instruments.Length == 0 ? ["SPY"] : instruments, new RiskLimits(1_000, 10_000_000m, 120, 1_000_000m), "paper", 250_000m,
            CommissionSchedule.Free, SlippageModel.None);

    public static ScenarioSpec ZScore(string id, params string[] instruments) =>
        new(id, id, "zscore-reversion", new Dictionary<string, string> { ["window"] = "30", ["entryZ"] = "1.5", ["exitZ"] = "0.5", ["quantity"] = "50" },
            instruments, new RiskLimits(1_000, 10_000_000m, 120, 1_000_000m), "paper", 500_000m, CommissionSchedule.Free, SlippageModel.None);
}
