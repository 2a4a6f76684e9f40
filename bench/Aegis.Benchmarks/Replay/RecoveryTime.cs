using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.Benchmarks.Replay;

/// <summary>
/// <c>recovery-time</c>: how long a scenario's activation takes to recover when its snapshot is 5 s,
/// 60 s or 10 min behind. For each span, the demo's SPY moving-average scenario takes --rate quotes/s
/// for that long in deliveries of --batch quotes; the quotes go to the tape and the inputs with their
/// decisions to the journal, as live. Then a fresh engine (the snapshot at creation) replays it all
/// through <see cref="ScenarioRecovery"/>, exactly what an activation does: read the input log, the
/// journal and the tape, run the inputs, compare every decision.
/// </summary>
public static class RecoveryTime
{
    public static async Task RunAsync(BenchArgs args)
    {
        var rate = args.Int("rate", 1_000);
        var batch = args.Int("batch", 50);
        var spans = (args.String("seconds") ?? "5,60,600").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        args.EnsureAllUsed();

        await using var database = await ThrowawayDatabase.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var catalog = new InstrumentCatalog(SampleMarket.Instruments);
        var spec = ScenarioSpecReader.Read(File.ReadAllText(Path.Combine(ReplayerSpeed.FindRepository(), "deploy", "scenarios", "spy-ma-crossover.yaml"))).Spec!;
        var progress = new TapeProgress(dataSource);
        var tape = new QuoteTapeWriter(dataSource, Options.Create(new QuoteTapeOptions()), progress, NullLogger<QuoteTapeWriter>.Instance);
        var journal = new DecisionJournal(dataSource, catalog);
        var recovery = new ScenarioRecovery(journal, new TapeReader(dataSource));
        await tape.StartAsync(CancellationToken.None);
        try
        {
            foreach (var seconds in spans)
            {
                var id = $"recovery-{seconds}s";
                var quotes = ReplayerSpeed.Market(rate * seconds).Select(q => q with { Source = id }).ToArray();
                var live = new ScenarioRunner(new ScenarioEngine(spec with { Id = id }, catalog.Find, Strategy(spec)));
                for (var at = 0; at < quotes.Length; at += batch)
                {
                    var part = quotes[at..Math.Min(at + batch, quotes.Length)];
                    var inputs = new List<ScenarioInput>();
                    var decisions = new List<RecordedDecision>();
                    live.Process(part, inputs, decisions);
                    await tape.AppendAsync(new TapeEntry(part, []));
                    await journal.AppendAsync([new JournalAppend(id, inputs, decisions)]);
                }

                var runner = new ScenarioRunner(new ScenarioEngine(spec with { Id = id }, catalog.Find, Strategy(spec)));
                var watch = Stopwatch.StartNew();
                var report = await recovery.ReplayAsync(runner, id);
                watch.Stop();
                if (!report.Identical)
                {
                    throw new InvalidOperationException($"recovery diverged: {report.Divergence} {report.Error}");
                }

                BenchReport.Line($"{seconds,4} s of inputs: {quotes.Length:N0} quotes, {report.InputsReplayed:N0} inputs, {report.DecisionsCompared:N0} decisions " +
                    $"identical; recovered in {watch.Elapsed.TotalMilliseconds:N0} ms");
                BenchReport.Result("recovery-time", new Dictionary<string, object?>
                {
                    ["parameters"] = new { rate, batch, seconds },
                    ["quotes"] = quotes.Length,
                    ["inputs"] = report.InputsReplayed,
                    ["decisions"] = report.DecisionsCompared,
                    ["recoveryMs"] = BenchReport.Round(watch.Elapsed.TotalMilliseconds),
                });
            }
        }
        finally
        {
            await tape.StopAsync(CancellationToken.None);
        }
    }

    private static IStrategy Strategy(ScenarioSpec spec) => StrategyFactory.Create(spec.Strategy, spec.Parameters).Strategy!;
}
