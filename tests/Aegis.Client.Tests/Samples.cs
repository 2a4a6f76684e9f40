using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Tests;

/// <summary>Contract records as the grains would return them.</summary>
internal static class Samples
{
    public static ScenarioSummary Summary(string id = "mac-aapl", string? haltReason = null, params string[] instruments) => new(
        id, "MA crossover on AAPL", "moving-average-crossover", haltReason is null ? "running" : "halted", haltReason,
        instruments.Length == 0 ? ["AAPL"] : instruments,
        Cash: 98_765.4321m, RealizedPnl: -12.5m, UnrealizedPnl: 3.005m, Equity: 100_010m, Commissions: 1.25m,
        Fills: 7, OpenOrders: 1, QuotesProcessed: 1200, Decisions: 40, LastQuoteTimeUnixNs: 1_700_000_000_123_000_000);

    public static QuoteView Quote(long sequence, decimal bid = 189.1m, decimal ask = 189.12m) =>
        new("AAPL", sequence, bid, ask, 300, 500, 1_700_000_000_000_000_000 + sequence * 1_000_000, 0, "replay");

    public static FeedStatus Feed(string instrument = "AAPL", QuoteView? last = null, Dictionary<string, long>? rejected = null) => new(
        instrument, KnownInstrument: true, last, Accepted: 1000, Duplicates: 3, OutOfOrder: 2,
        rejected ?? new Dictionary<string, long>(), Subscribers: 2, QuotesPerSecond: 12.34, StalenessSeconds: 0.25, SamplesTaken: 50);
}
