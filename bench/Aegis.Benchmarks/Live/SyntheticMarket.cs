using System.Globalization;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Testing;

namespace Aegis.Benchmarks.Live;

/// <summary>
/// N synthetic equities (<c>B0000</c>…), scenario specs over them and seeded random-walk quotes.
/// Scenario <c>s</c> watches instruments <c>(s·k + j) mod N</c>, j &lt; k: every instrument is watched
/// by scenarios·k/N scenarios (exactly, when N divides scenarios·k).
/// </summary>
public sealed class SyntheticMarket
{
    /// <summary>The scenarios' order-rate limit unless a benchmark says otherwise.</summary>
    public const int DefaultMaxOrdersPerMinute = 600;

    private static readonly string[] Strategies = ["ma-crossover", "zscore-reversion", "opening-range-breakout"];

    public SyntheticMarket(int instruments, int seed = 42)
        : this([.. Enumerable.Range(0, instruments).Select(i => Instrument.Equity($"B{i:D4}"))], seed)
    {
    }

    /// <summary>Random-walk quotes for a given universe (a benchmark whose other processes know only that one).</summary>
    public SyntheticMarket(IReadOnlyList<Instrument> universe, int seed = 42)
    {
        Instruments = universe;
        Feeds = [.. Instruments.Select((instrument, i) => new SyntheticFeed(instrument.Id, new Random(seed + i)))];
    }

    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>One quote source per instrument, same order as <see cref="Instruments"/>.</summary>
    public IReadOnlyList<SyntheticFeed> Feeds { get; }

    public InstrumentCatalog Catalog => new(Instruments);

    public IEnumerable<string> ScenarioSpecs(int scenarios, int perScenario, int maxOrdersPerMinute = DefaultMaxOrdersPerMinute)
    {
        var watched = Math.Min(perScenario, Instruments.Count);
        for (var s = 0; s < scenarios; s++)
        {
            var ids = Enumerable.Range(0, watched).Select(j => Instruments[((s * perScenario) + j) % Instruments.Count].Id);
            yield return Spec($"bench-{s:D5}", Strategies[s % Strategies.Length], string.Join(", ", ids), maxOrdersPerMinute);
        }
    }

    public const string SlowScenarioId = "bench-slow";

    /// <summary>A scenario on the first instruments whose strategy is <see cref="DelayedStrategy"/>.</summary>
    public string SlowScenarioSpec(int perScenario, int maxOrdersPerMinute = DefaultMaxOrdersPerMinute) =>
        Spec(SlowScenarioId, "ma-crossover", string.Join(", ", Instruments.Take(perScenario).Select(i => i.Id)), maxOrdersPerMinute)
            .Replace("strategy: ma-crossover", "strategy: " + DelayedStrategy.Name, StringComparison.Ordinal);

    private static string Spec(string id, string strategy, string instruments, int maxOrdersPerMinute)
    {
        // Tick-data parameters of the kind the demo scenarios use: a few windows' worth of quotes per
        // signal. Windows of a handful of quotes on a random walk trade on every few quotes, which
        // measures the journal, not the fan-out; the decision rate is reported with the result.
        var parameters = strategy switch
        {
            "ma-crossover" => "{ fast: 50, slow: 200, quantity: 10 }",
            "zscore-reversion" => "{ window: 200, entryZ: 2.5, exitZ: 0.5, quantity: 10 }",
            _ => "{ rangeMinutes: 1, quantity: 10, flattenMinutesBeforeClose: never }",
        };
        return string.Create(CultureInfo.InvariantCulture, $"""
            id: {id}
            strategy: {strategy}
            parameters: {parameters}
            instruments: [{instruments}]
            limits: {"{"} maxPositionUnits: 1000, maxNotional: 10000000, maxOrdersPerMinute: {maxOrdersPerMinute}, maxDailyLoss: 1000000 {"}"}
            startingCash: 10000000
            """);
    }
}

/// <summary>Valid quotes for one instrument: one-cent spread around a random-walk mid, sequence
/// strictly increasing, receive time = the clock when the batch is made (just before publish), exchange
/// time = the same clock moved into the sample day's regular session (scenarios trade only in session).
/// Not thread-safe: one publisher per feed at a time.</summary>
public sealed class SyntheticFeed(string instrumentId, Random random)
{
    private decimal _mid = 100m + random.Next(0, 400);
    private long _sequence;

    private static readonly long SessionShiftOriginUnixNs = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public string InstrumentId { get; } = instrumentId;

    public Quote[] Next(int count)
    {
        var now = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        var exchangeTime = Aegis.Connectors.Replay.SampleMarket.SessionOpenUnixNs + (now - SessionShiftOriginUnixNs);
        var quotes = new Quote[count];
        for (var i = 0; i < count; i++)
        {
            _mid = Math.Max(1m, _mid + (random.Next(-3, 4) * 0.01m));
            quotes[i] = new Quote(InstrumentId, _mid - 0.01m, _mid + 0.01m, 100 * random.Next(1, 10), 100 * random.Next(1, 10), now, now, "bench", ++_sequence) with { ExchangeTimeUnixNs = exchangeTime };
        }

        return quotes;
    }
}
