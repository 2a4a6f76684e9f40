using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;

namespace Aegis.Benchmarks.Replay;

/// <summary>
/// The domain replayer's inner loop on in-memory columns, one thread: a reference strategy (the demo's
/// SPY 20/80 moving-average crossover) over N quotes logged as inputs of --batch quotes each, with the
/// journal it made live compared decision by decision. Reports quotes per second per core, and the
/// inputs logged per quote (the input log's bytes on disk are measured by <c>live-latency</c>).
/// </summary>
public static class ReplayerSpeed
{
    public static Task RunAsync(BenchArgs args)
    {
        var count = args.Int("quotes", 5_000_000);
        var batch = args.Int("batch", 250);
        var runs = args.Int("runs", 5);
        var quotes = Market(count);
        var catalog = new InstrumentCatalog(SampleMarket.Instruments);
        var spec = ScenarioSpecReader.Read(File.ReadAllText(Path.Combine(FindRepository(), "deploy", "scenarios", "spy-ma-crossover.yaml"))).Spec!;

        // The live run: batches as a feed would deliver them; its inputs and journal are what we replay.
        var live = new ScenarioRunner(new ScenarioEngine(spec, catalog.Find, Strategy(spec)));
        var inputs = new List<ScenarioInput>();
        var journal = new List<RecordedDecision>();
        for (var at = 0; at < quotes.Length; at += batch)
        {
            live.Process(quotes.AsSpan(at, Math.Min(batch, quotes.Length - at)), inputs, journal);
        }

        var tape = new QuoteHistory();
        tape.Add("bench", "SPY", quotes);
        Console.WriteLine($"replayer-speed: {count:N0} quotes, {inputs.Count:N0} inputs, {journal.Count:N0} decisions, spec {spec.Id}");
        for (var run = 1; run <= runs; run++)
        {
            var runner = new ScenarioRunner(new ScenarioEngine(spec, catalog.Find, Strategy(spec)));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var report = ScenarioReplayer.Replay(runner, inputs, tape, journal);
            watch.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (!report.Identical)
            {
                throw new InvalidOperationException($"replay diverged: {report.Divergence} {report.Error}");
            }

            Console.WriteLine($"run {run}: {count / watch.Elapsed.TotalSeconds:N0} quotes/s wall, {count / cpuSeconds:N0} quotes/s per CPU-second, " +
                $"{report.DecisionsCompared:N0} decisions identical");
        }

        Console.WriteLine($"input log: {inputs.Count / (double)count:F4} inputs per quote at {batch} quotes per delivered batch");
        return Task.CompletedTask;
    }

    private static IStrategy Strategy(ScenarioSpec spec) => StrategyFactory.Create(spec.Strategy, spec.Parameters).Strategy!;

    // A random walk of SPY quotes spread evenly over the sample day's regular session.
    internal static Quote[] Market(int count)
    {
        var random = new Random(7);
        var quotes = new Quote[count];
        var mid = 560m;
        for (var i = 0; i < count; i++)
        {
            mid = Math.Max(1m, mid + (random.Next(-3, 4) * 0.01m));
            var time = SampleMarket.SessionOpenUnixNs + (long)(i * (23_400e9 / count));
            quotes[i] = new Quote("SPY", mid - 0.01m, mid + 0.01m, 100, 100, time, time, "bench", i + 1);
        }

        return quotes;
    }

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aegis.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
