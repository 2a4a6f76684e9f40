
using Aegis.Domain.Quotes;

namespace Aegis.Datasets.Tests;

internal static class SampleQuotes
{
    public static QuoteColumns For(string instrumentId, int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var mid = 100m + random.Next(0, 5000) / 100m;
        var quotes = new List<Quote>();
        for (var i = 0; i < count; i++)
        {
            mid += random.Next(-3, 4) / 100m;
            var source = i % 3 == 0 ? "polygon" : "replay";
            quotes.Add(new Quote(instrumentId, mid - 0.01m, mid + 0.0125m, random.Next(1, 500), random.Next(1, 500),
                start + i * 250_000_000L + random.Next(0, 3) * 1_000, 0, source, i + 1));
        }

        return QuoteColumns.From(instrumentId, quotes);
    }
}
