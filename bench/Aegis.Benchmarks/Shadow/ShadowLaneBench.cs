using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Benchmarks.Live;
using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Parity;
using Aegis.Grains.Shadow.Persistence;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Benchmarks.Shadow;

/// <summary>
/// <c>shadow</c>: in one run, on one database, (1) the live lane alone at a fixed rate, (2) a shadow silo process
/// started afterwards catching up on everything the live lane logged, (3) the live lane at the same rate with the
/// shadow silo following it, killed with SIGKILL halfway and started again; then parity over every decision and
/// the cost of comparing one decision.
/// </summary>
public static class ShadowLaneBench
{
    public static async Task RunAsync(BenchArgs args)
    {
        var scenarios = args.Int("scenarios", 100);
        var perScenario = args.Int("per-scenario", 1);
        var rate = args.Double("rate", 10_000);
        var seconds = args.Double("seconds", 30);
        var warmup = args.Double("warmup", 10);
        args.EnsureAllUsed();

        // The shadow silo is a separate process with the production catalog, so the synthetic quotes use its universe.
        var universe = new SyntheticMarket([.. SampleMarket.Instruments.Where(i => i.Kind == InstrumentKind.Equity)]);
        await using var cluster = await LiveCluster.StartAsync(universe.Instruments.Count, scenarios, perScenario, universe: universe);
        await using var database = NpgsqlDataSource.Create(cluster.ConnectionString);
        var shadowConnectionString = await cluster.ShadowConnectionStringAsync();
        var home = Directory.CreateTempSubdirectory("aegis-bench-shadow-").FullName;

        BenchReport.Line("phase 1: the live lane alone");
        var alone = await MeasureAsync(cluster, database, rate, warmup, seconds, atHalf: null);
        var logged = await SettledInputsAsync(database);

        BenchReport.Line($"phase 2: a shadow silo started now catches up on {logged.Inputs:N0} inputs ({logged.Quotes:N0} quotes) with the live lane idle");
        var clock = Stopwatch.StartNew();
        var shadow = SiloProcess.Start("bench-shadow", shadowConnectionString, home, "--lane", "shadow", "--demo", "false");
        try
        {
            await shadow.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var ready = clock.Elapsed;
            var (shadowCpu0, cpu0) = (CpuUsage.OfProcess(shadow.ProcessId), CpuUsage.Now());
            await WaitCaughtUpAsync(database, logged.Inputs, TimeSpan.FromMinutes(20));
            var caughtUp = clock.Elapsed;
            var (shadowCpu, postgresCpu) = (CpuUsage.OfProcess(shadow.ProcessId) - shadowCpu0, (CpuUsage.Now() - cpu0).PostgresSeconds);
            var catchUpSeconds = (caughtUp - ready).TotalSeconds;
            var catchUpInputs = logged.Inputs / catchUpSeconds;
            var catchUpQuotes = logged.Quotes / catchUpSeconds;
            BenchReport.Line($"  ready after {ready.TotalSeconds:F1} s, caught up {catchUpSeconds:F1} s later: {catchUpInputs:N0} inputs/s, {catchUpQuotes:N0} quotes/s " +
                $"= {catchUpInputs / alone.InputsPerSecond:F1}x the live lane's ingest ({alone.InputsPerSecond:N0} inputs/s, {alone.QuotesPerSecond:N0} quotes/s); " +
                $"CPU: shadow silo {shadowCpu:F1} s, PostgreSQL {postgresCpu:F1} s");

            BenchReport.Line("phase 3: the live lane with the shadow following it; the shadow silo is killed (SIGKILL) halfway and started again");
            var withShadow = await MeasureAsync(cluster, database, rate, warmup, seconds, atHalf: () =>
            {
                shadow.Kill();
                BenchReport.Line("  shadow silo killed; starting another");
                shadow = SiloProcess.Start("bench-shadow-2", shadowConnectionString, home, "--lane", "shadow", "--demo", "false");
                return Task.CompletedTask;
            });

            var final = await SettledInputsAsync(database);
            var clock2 = Stopwatch.StartNew();
            await WaitCaughtUpAsync(database, final.Inputs, TimeSpan.FromMinutes(20));
            BenchReport.Line($"  after publishing stopped, the shadow took the rest in {clock2.Elapsed.TotalSeconds:F1} s");
            var parity = await ParityAsync(database);
            BenchReport.Line($"parity           {parity.Compared:N0} decisions compared, {parity.Matched:N0} matched, {parity.Divergences:N0} divergences; " +
                $"shadow journal {parity.ShadowRows:N0} rows for {parity.LiveRows:N0} live decisions");

            var step = await StepCostAsync(cluster.ConnectionString);
            BenchReport.Line($"one twin's work, one scenario after another on one thread: {step.Inputs:N0} inputs read in {step.ReadSeconds:F2} s, their {step.Quotes:N0} quotes " +
                $"read from the tape in {step.TapeSeconds:F2} s, replayed in {step.ReplaySeconds:F2} s (PostgreSQL {step.PostgresCpuSeconds:F1} CPU-s)");
            var cost = await ParityCostAsync(cluster.ConnectionString);
            BenchReport.Line($"parity cost      {cost.MicrosecondsPerDecision:F1} µs per decision ({cost.Decisions:N0} decisions read from both journals and compared in {cost.Seconds:F2} s), " +
                $"of which comparing {cost.CompareMicrosecondsPerDecision:F2} µs");
            BenchReport.Line($"live overhead    throughput {withShadow.QuotesPerSecond / alone.QuotesPerSecond:F3}x, p50 {withShadow.P50Ms / alone.P50Ms:F2}x, p99 {withShadow.P99Ms / alone.P99Ms:F2}x " +
                "with the shadow (and its kill) against the live lane alone");

            BenchReport.Result("shadow", new Dictionary<string, object?>
            {
                ["parameters"] = new { scenarios, perScenario, instruments = universe.Instruments.Count, rate, seconds, warmup },
                ["liveAlone"] = alone,
                ["liveWithShadow"] = withShadow,
                ["catchUp"] = new
                {
                    inputs = logged.Inputs,
                    quotes = logged.Quotes,
                    readySeconds = BenchReport.Round(ready.TotalSeconds, 1),
                    seconds = BenchReport.Round(catchUpSeconds, 1),
                    inputsPerSecond = BenchReport.Round(catchUpInputs),
                    quotesPerSecond = BenchReport.Round(catchUpQuotes),
                    multipleOfLiveIngest = BenchReport.Round(catchUpInputs / alone.InputsPerSecond, 1),
                    shadowSiloCpuSeconds = BenchReport.Round(shadowCpu, 1),
                    postgresCpuSeconds = BenchReport.Round(postgresCpu, 1),
                },
                ["parity"] = parity,
                ["parityCost"] = cost,
                ["throughputRatio"] = BenchReport.Round(withShadow.QuotesPerSecond / alone.QuotesPerSecond, 3),
                ["p99Ratio"] = BenchReport.Round(withShadow.P99Ms / alone.P99Ms, 2),
            });
        }
        finally
        {
            await shadow.DisposeAsync();
            Directory.Delete(home, recursive: true);
        }
    }

    public sealed record Phase(double QuotesPerSecond, double InputsPerSecond, double P50Ms, double P99Ms, double P999Ms, double MaxMs, double SiloCores, double PostgresCores);

    public sealed record ParityTotals(long Compared, long Matched, long Divergences, long LiveRows, long ShadowRows);

    public sealed record StepCost(long Inputs, long Quotes, double ReadSeconds, double TapeSeconds, double ReplaySeconds, double PostgresCpuSeconds);

    public sealed record ParityCost(long Decisions, double Seconds, double MicrosecondsPerDecision, double CompareMicrosecondsPerDecision);

    private static async Task<Phase> MeasureAsync(LiveCluster cluster, NpgsqlDataSource database, double rate, double warmup, double seconds, Func<Task>? atHalf)
    {
        var publisher = new FixedRatePublisher(cluster, rate);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => publisher.RunAsync(stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var histogram = cluster.Metrics.QuoteToDecision;
        histogram.Reset();
        var accepted0 = cluster.Metrics.QuotesAccepted;
        var inputs0 = await CountAsync(database, "SELECT count(*) FROM scenario_inputs");
        var cpu0 = CpuUsage.Now();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds / 2));
        if (atHalf is not null)
        {
            await atHalf();
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds) - clock.Elapsed);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = CpuUsage.Now() - cpu0;
        var accepted = cluster.Metrics.QuotesAccepted - accepted0;
        var inputs = await CountAsync(database, "SELECT count(*) FROM scenario_inputs") - inputs0;
        var phase = new Phase(BenchReport.Round(accepted / elapsed), BenchReport.Round(inputs / elapsed),
            BenchReport.Round(histogram.PercentileNanoseconds(50) / 1e6, 3), BenchReport.Round(histogram.PercentileNanoseconds(99) / 1e6, 3),
            BenchReport.Round(histogram.PercentileNanoseconds(99.9) / 1e6, 3), BenchReport.Round(histogram.MaxNanoseconds / 1e6, 3),
            BenchReport.Round(cpu.ProcessSeconds / elapsed, 2), BenchReport.Round(cpu.PostgresSeconds / elapsed, 2));
        await stop.CancelAsync();
        await run;
        BenchReport.Line($"  {phase.QuotesPerSecond:N0} quotes/s accepted, {phase.InputsPerSecond:N0} inputs/s logged; quote→decision p50 {phase.P50Ms:F2} ms " +
            $"p99 {phase.P99Ms:F2} ms p99.9 {phase.P999Ms:F2} ms max {phase.MaxMs:F2} ms; silo {phase.SiloCores:F2} cores, PostgreSQL {phase.PostgresCores:F2} cores");
        return phase;
    }

    // Once publishing stopped: the inputs logged, when the count stays the same for two seconds.
    private static async Task<(long Inputs, long Quotes)> SettledInputsAsync(NpgsqlDataSource database)
    {
        var previous = -1L;
        while (true)
        {
            var inputs = await CountAsync(database, "SELECT count(*) FROM scenario_inputs");
            if (inputs == previous)
            {
                return (inputs, await CountAsync(database, "SELECT coalesce(sum(quote_count), 0) FROM scenario_inputs"));
            }

            previous = inputs;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    // Caught up: every twin's parity has compared through its scenario's whole log (the twin compares after every step).
    private static async Task WaitCaughtUpAsync(NpgsqlDataSource database, long inputs, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            if (await CountAsync(database, "SELECT coalesce(sum(through_input), 0) FROM shadow_parity") >= inputs)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"the shadow did not catch up on {inputs:N0} inputs within {patience}");
    }

    private static async Task<ParityTotals> ParityAsync(NpgsqlDataSource database) => new(
        await CountAsync(database, "SELECT coalesce(sum(compared), 0) FROM shadow_parity"),
        await CountAsync(database, "SELECT coalesce(sum(matched), 0) FROM shadow_parity"),
        await CountAsync(database, "SELECT coalesce(sum(divergences), 0) FROM shadow_parity"),
        await CountAsync(database, "SELECT count(*) FROM decision_journal"),
        await CountAsync(database, "SELECT count(*) FROM shadow_decision_journal"));

    // What a twin does, without the grain around it: read the inputs, read their quotes from the tape, replay them.
    private static async Task<StepCost> StepCostAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var catalog = new InstrumentCatalog(SampleMarket.Instruments);
        var journal = new DecisionJournal(dataSource, catalog);
        var tape = new TapeReader(dataSource);
        var specs = new ScenarioSpecs(dataSource);
        long inputs = 0, quotes = 0;
        TimeSpan read = TimeSpan.Zero, tapeTime = TimeSpan.Zero, replay = TimeSpan.Zero;
        var cpu0 = CpuUsage.Now();
        foreach (var id in await specs.ReadIdsAsync())
        {
            var start = Stopwatch.GetTimestamp();
            var log = await journal.ReadInputsAsync(id, 0);
            read += Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            var history = await tape.ReadAsync(log);
            tapeTime += Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            var spec = Aegis.Domain.Scenarios.ScenarioSpecReader.Read((await specs.ReadAsync(id))!, Aegis.Domain.Strategies.StrategyCatalog.Reference).Spec!;
            var runner = new Aegis.Domain.Replay.ScenarioRunner(new Aegis.Domain.Scenarios.ScenarioEngine(spec, catalog.Find, Aegis.Domain.Strategies.StrategyCatalog.Reference.CreateFor(spec)));
            Aegis.Domain.Replay.ScenarioReplayer.Follow(runner, log, history, []);
            replay += Stopwatch.GetElapsedTime(start);
            inputs += log.Count;
            quotes += runner.QuotesProcessed;
        }

        return new StepCost(inputs, quotes, BenchReport.Round(read.TotalSeconds, 2), BenchReport.Round(tapeTime.TotalSeconds, 2), BenchReport.Round(replay.TotalSeconds, 2),
            BenchReport.Round((CpuUsage.Now() - cpu0).PostgresSeconds, 1));
    }

    // What the parity grain does per decision, for every scenario from the start: read both journals, compare.
    private static async Task<ParityCost> ParityCostAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var live = new DecisionJournal(dataSource, new InstrumentCatalog(SampleMarket.Instruments));
        var shadow = new ShadowJournal(dataSource);
        var ids = await new ScenarioSpecs(dataSource).ReadIdsAsync();
        long decisions = 0;
        var compare = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            var liveDecisions = await live.ReadAfterAsync(id, 0);
            var shadowDecisions = await shadow.ReadAfterAsync(id, 0, long.MaxValue);
            var compareStart = Stopwatch.GetTimestamp();
            var result = ParityComparer.Compare(liveDecisions, shadowDecisions, 0, "live", "shadow", DateTime.UtcNow);
            compare += Stopwatch.GetElapsedTime(compareStart);
            decisions += result.Compared;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new ParityCost(decisions, BenchReport.Round(seconds, 2), BenchReport.Round(seconds * 1e6 / Math.Max(1, decisions), 1),
            BenchReport.Round(compare.TotalSeconds * 1e6 / Math.Max(1, decisions), 2));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
