using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Benchmarks.Replay;
using Aegis.Connectors.Replay;
using Aegis.Datasets.Partitions;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;
using Aegis.Research.Sweeps;
using Parquet.Serialization;

namespace Aegis.Benchmarks.Research;

/// <summary>
/// <c>backtest</c>: the research engine, each figure against a straightforward baseline in the same run.
/// (1) engine events per CPU-second on in-memory columns: the demo's SPY crossover over --quotes synthetic quotes,
/// preparation of the columns included, against feeding the same runner one quote per call; also the two parts apart; (2) end to end from the sample day's Parquet partitions,
/// decode included, the four demo scenarios, against decoding with Parquet.Net's row serializer; (3) a --trials
/// random sweep of the crossover over the sample day (partitions decoded once), against decoding for every trial.
/// </summary>
public static class BacktestBench
{
    public static async Task RunAsync(BenchArgs args)
    {
        var count = args.Int("quotes", 2_000_000);
        var trials = args.Int("trials", 1_000);
        var runs = args.Int("runs", 3);
        var parts = (args.String("figures") ?? "engine,parquet,sweep").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        args.EnsureAllUsed();
        var catalog = new InstrumentCatalog(SampleMarket.Instruments);
        var specs = Directory.GetFiles(Path.Combine(ReplayerSpeed.FindRepository(), "deploy", "scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => ScenarioSpecReader.Read(File.ReadAllText(f)).Spec!).ToList();
        var crossover = specs.Single(s => s.Id == "spy-ma-crossover");
        var figures = new Dictionary<string, object?>();

        // (1) In-memory columns, one thread.
        if (parts.Contains("engine"))
        {
            var synthetic = new MarketDay([QuoteColumns.From("SPY", ReplayerSpeed.Market(count))]).Merged(["SPY"]);
            var engine = Best(runs, () => BacktestEngine.Run(crossover, StrategyCatalog.Reference, catalog.Find, synthetic).QuotesProcessed);
            var perQuote = Measure(() => OneQuotePerCall(crossover, catalog, synthetic));
            BenchReport.Line($"engine, in memory: {engine:N0} events/s per core; one quote per call: {perQuote:N0}/s; ratio {engine / perQuote:F2}");
            figures["engineEventsPerCoreSecond"] = BenchReport.Round(engine);
            figures["engineBaselinePerCoreSecond"] = BenchReport.Round(perQuote);

            // The same split in two: preparing the columns (once per day in a sweep), then the engine over them.
            var clock = Stopwatch.StartNew();
            var prepared = new PreparedQuotes(synthetic, crossover.Instruments, crossover.ExtendedHours);
            var preparing = clock.Elapsed.TotalMilliseconds;
            var onPrepared = Best(runs, () => BacktestEngine.Run(crossover, StrategyCatalog.Reference, catalog.Find, prepared).QuotesProcessed);
            BenchReport.Line($"  of which preparing the columns: {preparing:F0} ms; the engine over prepared columns: {onPrepared:N0} events/s per core");
            figures["preparationMilliseconds"] = BenchReport.Round(preparing);
            figures["engineOnPreparedPerCoreSecond"] = BenchReport.Round(onPrepared);
        }

        // (2) From Parquet partitions of the sample day, decode included.
        var day = new MarketDayGenerator(MarketDayFile.DefaultSeed).Generate();
        var partitions = new List<(string Instrument, byte[] Bytes)>();
        foreach (var group in day.GroupBy(q => q.InstrumentId, StringComparer.Ordinal))
        {
            partitions.Add((group.Key, await QuotePartitionCodec.EncodeAsync(QuoteColumns.From(group.Key, group))));
        }

        BenchReport.Line($"sample day: {day.Length:N0} quotes in {partitions.Count} partitions, {partitions.Sum(p => p.Bytes.Length):N0} bytes of Parquet");
        if (parts.Contains("parquet"))
        {
            var watched = specs.SelectMany(s => s.Instruments).ToHashSet(StringComparer.Ordinal);
            var demoPartitions = partitions.Where(p => watched.Contains(p.Instrument)).ToList();
            var decodeSeconds = Enumerable.Range(0, runs).Min(_ =>
            {
                var clock = Stopwatch.StartNew();
                GC.KeepAlive(new MarketDay(DecodeColumnar(demoPartitions)));
                return clock.Elapsed.TotalSeconds;
            });
            BenchReport.Line($"  the demo scenarios watch {demoPartitions.Count} partitions, {demoPartitions.Sum(p => p.Bytes.Length):N0} bytes; decoding them takes {decodeSeconds * 1000:F0} ms");
            var endToEnd = Best(runs, () => RunDemo(specs, catalog, DecodeColumnar(demoPartitions)));
            var rowWise = Best(1, () => RunDemo(specs, catalog, DecodeRowWise(demoPartitions)));
            BenchReport.Line($"end to end from Parquet: {endToEnd:N0} events/s per core; row-wise decode: {rowWise:N0}/s; ratio {endToEnd / rowWise:F2}");
            figures["endToEndEventsPerCoreSecond"] = BenchReport.Round(endToEnd);
            figures["endToEndBaselinePerCoreSecond"] = BenchReport.Round(rowWise);
        }

        // (3) A random sweep of the crossover over the sample day.
        if (parts.Contains("sweep"))
        {
            var market = new MarketDay(DecodeColumnar(partitions));
            var sweep = ParameterGrid.Random(crossover, [new ParameterRange("fast", 2, 60), new ParameterRange("slow", 61, 400)], trials, seed: 1);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var results = Sweep.Run(market, sweep, StrategyCatalog.Reference, catalog.Find);
            var wall = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var parameterEvents = results.Sum(r => r.QuotesProcessed);
            var sample = Math.Min(10, trials);
            var perTrialDecode = Measure(() => sweep.Take(sample).Sum(t =>
                BacktestEngine.Run(t, StrategyCatalog.Reference, catalog.Find, new MarketDay(DecodeColumnar(partitions)).Merged(t.Instruments)).QuotesProcessed));
            BenchReport.Line($"sweep of {trials:N0} trials: {parameterEvents:N0} parameter-events in {wall:F2} s wall, {cpu:F2} CPU-s: " +
                $"{parameterEvents / cpu:N0} parameter-events/s per core; decoding per trial: {perTrialDecode:N0}/s per core; ratio {parameterEvents / cpu / perTrialDecode:F2}");
            figures["sweepTrials"] = trials;
            figures["sweepParameterEventsPerCoreSecond"] = BenchReport.Round(parameterEvents / cpu);
            figures["sweepWallSeconds"] = BenchReport.Round(wall, 2);
            figures["sweepBaselinePerCoreSecond"] = BenchReport.Round(perTrialDecode);
        }

        BenchReport.Result("backtest", figures);
    }

    private static long RunDemo(IReadOnlyList<ScenarioSpec> specs, InstrumentCatalog catalog, IReadOnlyList<QuoteColumns> columns)
    {
        var day = new MarketDay(columns);
        return specs.Sum(s => BacktestEngine.Run(s, StrategyCatalog.Reference, catalog.Find, day.Merged(s.Instruments)).QuotesProcessed);
    }

    private static List<QuoteColumns> DecodeColumnar(List<(string Instrument, byte[] Bytes)> partitions) =>
        partitions.Select(p => QuotePartitionCodec.DecodeAsync(p.Instrument, p.Bytes, p.Instrument).GetAwaiter().GetResult()).ToList();

    // The straightforward way: Parquet.Net's serializer into one object per row, then quotes from the objects.
    private static List<QuoteColumns> DecodeRowWise(List<(string Instrument, byte[] Bytes)> partitions) =>
        partitions.Select(p =>
        {
            using var stream = new MemoryStream(p.Bytes);
            var rows = ParquetSerializer.DeserializeAsync<Row>(stream).GetAwaiter().GetResult().Data;
            return QuoteColumns.From(p.Instrument, rows.Select(r =>
                new Quote(p.Instrument, r.bid, r.ask, r.bid_size, r.ask_size, r.exchange_time_unix_ns, r.exchange_time_unix_ns, r.source, r.sequence)));
        }).ToList();

    private static long OneQuotePerCall(ScenarioSpec spec, InstrumentCatalog catalog, Quote[] quotes)
    {
        var runner = new ScenarioRunner(new ScenarioEngine(spec, catalog.Find, StrategyCatalog.Reference.CreateFor(spec)));
        var inputs = new List<ScenarioInput>();
        var decisions = new List<RecordedDecision>();
        for (var i = 0; i < quotes.Length; i++)
        {
            runner.Process(quotes.AsSpan(i, 1), inputs, decisions);
            inputs.Clear();
            decisions.Clear();
        }

        return runner.QuotesProcessed;
    }

    // Events per CPU-second of the fastest of several runs.
    private static double Best(int runs, Func<long> work) => Enumerable.Range(0, runs).Max(_ => Measure(work));

    private static double Measure(Func<long> work)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var events = work();
        return events / (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    }

    private sealed class Row
    {
#pragma warning disable IDE1006, SA1300 // the Parquet column names
        public long exchange_time_unix_ns { get; set; }

        [Parquet.Serialization.Attributes.ParquetRequired]
        public string source { get; set; } = string.Empty;

        public long sequence { get; set; }

        public decimal bid { get; set; }

        public decimal ask { get; set; }

        public long bid_size { get; set; }

        public long ask_size { get; set; }
#pragma warning restore IDE1006, SA1300
    }
}
