using System.Text.Json;
using Aegis.Persistence.Embedded;
using Aegis.Testing;

namespace Aegis.SystemTests;

/// <summary>The research lane of the embedded default, from the console: sweep the sample day, analyse it, promote or be refused.</summary>
[Trait("Category", "System")]
public sealed class ResearchLaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "aegis-research-" + Guid.NewGuid().ToString("N"))).FullName;
    private LocalPostgres? _postgres;

    public async ValueTask InitializeAsync()
    {
        _postgres = new LocalPostgres(new LocalPostgresOptions(Path.Combine(_home, "postgres"), Port: LocalPostgres.FindFreePort()));
        await _postgres.EnsureStartedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DestroyAsync();
        }

        Directory.Delete(_home, recursive: true);
    }

    // Membership rows of the sys-sweep job's workers with an Orleans SiloStatus: 3 active, 6 dead.
    private async Task<long> WorkersAsync(int status)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(_postgres!.TryGetConnectionString()!);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE siloname LIKE 'research-sys-sweep-%' AND status = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = status });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task From_the_console_a_sweep_over_the_sample_day_is_analysed_and_promotion_is_refused_or_accepted_by_the_gate()
    {
        // The research lane launches the workers a job asks for as local silo processes.
        await using var live = SiloProcess.Start("embedded", null, _home, new Dictionary<string, string> { ["Aegis__Research__Launcher"] = "local" }, "--replay-speed", "50");
        await live.WaitUntilReadyAsync(Patience);
        var datasets = await Eventually.UntilAsync(() => ConsoleRun.RunAsync(null, _home, "data", "list"),
            r => r.ExitCode == 0 && r.Output.Contains("sample-day", StringComparison.Ordinal), Patience, "the research silo to publish the sample day");
        Assert.Matches(@"(?m)^sample-day +.+ 2026-03-02 +22 +569,?862 ", datasets.Output);

        var spec = Path.Combine(SiloProcess.RepositoryRoot, "deploy", "scenarios", "spy-ma-crossover.yaml");
        var sweep = await ConsoleRun.RunAsync(TimeSpan.FromMinutes(5), null, _home, "bt", "sweep", "-f", spec, "--grid", "fast=10,20,40", "--grid", "slow=60,120", "--cscv-splits", "4",
            "--chunk", "1", "--job", "sys-sweep", "--workers", "2");
        Assert.True(sweep.ExitCode == 0, sweep.Output + sweep.Error);
        Assert.True(sweep.Error.Contains("sys-sweep: completed on 3 silos", StringComparison.Ordinal), sweep.Error);
        Assert.Matches(@"(?m)^  trials +6$", sweep.Output);

        // The two workers ran beside the research silo, left the cluster when the job was done, and are gone.
        Assert.True(File.Exists(Path.Combine(_home, "logs", "research-workers", "sys-sweep-1.log")));
        // The job reports completion before it stops them: they leave a moment later, through Stopping to Dead.
        await Eventually.UntilAsync(async () => await WorkersAsync(6) == 2, Patience, "the job's two workers to leave the research cluster");
        Assert.Equal(0, await WorkersAsync(3));

        var results = await ConsoleRun.RunAsync(null, _home, "bt", "results", "sys-sweep", "--json");
        using var summary = JsonDocument.Parse(results.Output);
        Assert.Equal(6, summary.RootElement.GetProperty("trials").GetArrayLength());
        var pbo = summary.RootElement.GetProperty("cscv").GetProperty("pbo").GetDouble();

        // The console's CSCV from the published equity curves agrees with the one the job computed.
        var cscv = await ConsoleRun.RunAsync(null, _home, "bt", "cscv", "--job", "sys-sweep", "--splits", "4", "--json");
        Assert.True(cscv.ExitCode == 0, cscv.Output + cscv.Error);
        using (var report = JsonDocument.Parse(cscv.Output))
        {
            Assert.Equal(pbo, report.RootElement.GetProperty("pbo").GetDouble(), 12);
            Assert.Equal(6, report.RootElement.GetProperty("trials").GetInt32());
        }

        var refused = await ConsoleRun.RunAsync(null, _home, "bt", "promote", "sys-sweep", "--min-dsr", "0.99");
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches("refused: .*Deflated Sharpe .* is below the limit 0.9900", refused.Error);

        var best = summary.RootElement.GetProperty("trials").EnumerateArray()
            .Single(t => t.GetProperty("index").GetInt32() == summary.RootElement.GetProperty("bestTrial").GetInt32()).GetProperty("id").GetString()!;
        var accepted = await ConsoleRun.RunAsync(null, _home, "bt", "promote", "sys-sweep", "--max-pbo", "1", "--min-dsr", "0");
        Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Error);
        Assert.Contains($"live scenario {best}", accepted.Output, StringComparison.Ordinal);
        var scenarios = await ConsoleRun.RunAsync(null, _home, "scenarios", "show", best);
        Assert.True(scenarios.ExitCode == 0, scenarios.Output + scenarios.Error);

        // Walk-forward over the sample day: hour-long periods, train on two, test on the next.
        var walk = await ConsoleRun.RunAsync(TimeSpan.FromMinutes(3), null, _home, "bt", "walkforward", "-f", spec, "--grid", "fast=10,20", "--grid", "slow=60,120",
            "--period-minutes", "60", "--train", "2", "--test", "1", "--job", "sys-walk");
        Assert.True(walk.ExitCode == 0, walk.Output + walk.Error);
        Assert.Matches(@"(?m)^  folds +[0-9]+ \(rolling, train 2 x 60 min, test 1 x 60 min\) over 4 trials$", walk.Output);
        Assert.Matches(@"(?m)^  outOfSampleReturn +-?[0-9.]+%$", walk.Output);
        var notSweep = await ConsoleRun.RunAsync(null, _home, "bt", "promote", "sys-walk");
        Assert.Contains("is a walk-forward analysis, not a sweep", notSweep.Error, StringComparison.Ordinal);

        // The live lane's day so far as a dataset; backtests of its recorded scenarios make the live journal's decisions.
        var imported = await ConsoleRun.RunAsync(null, _home, "data", "import", "live", "--dataset", "live-so-far");
        Assert.True(imported.ExitCode == 0, imported.Output + imported.Error);
        Assert.Matches(@"recorded .*spy-ma-crossover \([0-9,]+ inputs\)", imported.Output);
        foreach (var id in new[] { "spy-ma-crossover", "tech-ma-fast" })
        {
            var run = await ConsoleRun.RunAsync(null, _home, "bt", "run", "--dataset", "live-so-far", "--scenario", id);
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.Matches(@"(?m)^  live +[0-9,]+ decisions identical to the live journal$", run.Output);
        }

        // Polygon-style minute aggregates from CSV, backtested as quotes at each bar's close; a bad row imports nothing.
        var csv = Path.Combine(_home, "aggs.csv");
        var open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        await File.WriteAllLinesAsync(csv, ["ticker,volume,open,close,high,low,window_start,transactions",
            .. Enumerable.Range(0, 240).Select(i => FormattableString.Invariant($"SPY,{1000 + i},{500 + (i % 7)},{500 + (i % 11)},{512},{499},{open + (i * 60_000_000_000L)},{10 + i}"))]);
        var aggs = await ConsoleRun.RunAsync(null, _home, "data", "import", "polygon", "--dataset", "spy-aggs", csv);
        Assert.True(aggs.ExitCode == 0, aggs.Output + aggs.Error);
        Assert.Contains("dataset spy-aggs: 1 partitions, 240 rows on 2026-03-02", aggs.Output, StringComparison.Ordinal);
        var overBars = await ConsoleRun.RunAsync(null, _home, "bt", "run", "--dataset", "spy-aggs", "-f", spec);
        Assert.True(overBars.ExitCode == 0, overBars.Output + overBars.Error + "\nsilo output:\n" + live.Output);
        Assert.Matches(@"(?m)^  quotes +240$", overBars.Output);
        await File.AppendAllLinesAsync(csv, [FormattableString.Invariant($"SPY,5,500,501,499,498,{open - 60_000_000_000L},1")]);
        var badRow = await ConsoleRun.RunAsync(null, _home, "data", "import", "polygon", "--dataset", "spy-aggs-2", csv);
        Assert.Equal(1, badRow.ExitCode);
        Assert.Contains($"nothing imported: {csv}:242: field high: '499' is below the bar's open, close or low", badRow.Error, StringComparison.Ordinal);

        var overQuotes = await ConsoleRun.RunAsync(null, _home, "bt", "run", "--dataset", "sample-day", "-f", spec);
        Assert.True(overQuotes.ExitCode == 0, overQuotes.Output + overQuotes.Error);
        Assert.Matches(@"(?m)^  mode +quotes merged by exchange time$", overQuotes.Output);
        var unknown = await ConsoleRun.RunAsync(null, _home, "bt", "run", "--dataset", "live-so-far", "--scenario", "no-such");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("recorded no scenario 'no-such'", unknown.Error, StringComparison.Ordinal);
    }
}
