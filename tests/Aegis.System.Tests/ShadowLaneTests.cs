using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Persistence.Embedded;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aegis.SystemTests;

/// <summary>The embedded default's shadow silo, as a newcomer runs it: a child process of the live demo silo.</summary>
[Trait("Category", "System")]
public sealed class ShadowLaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly string[] DemoScenarios = ["index-orb", "mega-cap-zscore", "spy-ma-crossover", "tech-ma-fast"];
    // Not CreateTempSubdirectory: its folder is private to this user, and the server may run as another (postgres, under root).
    private readonly string _home = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "aegis-shadow-" + Guid.NewGuid().ToString("N"))).FullName;
    private LocalPostgres? _postgres;
    private string _connectionString = string.Empty;

    public async ValueTask InitializeAsync()
    {
        // The embedded default's server, provisioned ahead on a free port so that it cannot meet another test's.
        _postgres = new LocalPostgres(new LocalPostgresOptions(Path.Combine(_home, "postgres"), Port: LocalPostgres.FindFreePort()));
        _connectionString = await _postgres.EnsureStartedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DestroyAsync();
        }

        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task The_embedded_default_runs_a_shadow_silo_with_full_parity_passing_validation_no_order_path_and_a_kill_9_or_a_database_crash_it_recovers_from_without_skipping_or_repeating()
    {
        await using var live = SiloProcess.Start("embedded", null, _home, "--replay-speed", "50");
        await live.WaitUntilReadyAsync(Patience);
        await using var shadow = await LiveClusterClient.ConnectAsyncWhenUp(_connectionString, Lane.Shadow, Patience);
        var directory = shadow.Client.GetGrain<IShadowDirectoryGrain>(IShadowDirectoryGrain.Key);

        // A newcomer's view: every demo scenario compared, at 100 %, naming both builds.
        var reports = await Eventually.UntilAsync(directory.GetParity,
            r => r.Count == DemoScenarios.Length && r.All(p => p.Compared > 0), Patience, "every demo scenario's parity to have compared decisions");
        Assert.Equal(DemoScenarios, reports.Select(r => r.ScenarioId).Order(StringComparer.Ordinal));
        var console = await ConsoleRun.RunAsync(null, _home, "shadow", "parity");
        Assert.True(console.ExitCode == 0, console.Output + console.Error);
        foreach (var scenario in DemoScenarios)
        {
            Assert.Matches($@"(?m)^{scenario} +100\.00% +[1-9]", console.Output);
        }

        var validate = await ConsoleRun.RunAsync(null, _home, "validate");
        Assert.True(validate.ExitCode == 0, validate.Output + validate.Error);
        Assert.Equal(6, validate.Output.Split('\n').Count(l => l.Contains(" pass ", StringComparison.Ordinal)));

        Assert.All(reports, r => Assert.Equal(r.ShadowBuild, r.LiveBuild));
        Assert.All(reports, r => Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{7,}", r.ShadowBuild));

        // No order path on the running shadow silo: it mapped no live-lane assembly, and registered no live grain.
        var shadowPid = ChildOf(live.ProcessId);
        var mapped = File.ReadAllText($"/proc/{shadowPid}/maps");
        Assert.Contains("/lanes/shadow/Aegis.Grains.Shadow.dll", mapped, StringComparison.Ordinal);
        Assert.DoesNotContain("/Aegis.Grains.dll", mapped, StringComparison.Ordinal);
        var manifest = shadow.Client.ServiceProvider.GetRequiredService<Orleans.Runtime.IClusterManifestProvider>().Current;
        var grainTypes = manifest.AllGrainManifests.SelectMany(m => m.Grains.Keys).Select(t => t.ToString()).ToList();
        Assert.Contains(grainTypes, t => t.Contains("shadowscenario", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(grainTypes, t => t.Contains("instrumentfeed", StringComparison.OrdinalIgnoreCase) || t == "scenario" || t.Contains("replay", StringComparison.OrdinalIgnoreCase));

        // kill -9 of the shadow silo while the live lane runs on: the live silo starts another, which resumes every twin.
        var before = await directory.GetParity();
        using (var victim = Process.GetProcessById(shadowPid))
        {
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        await Eventually.UntilAsync(() => Task.FromResult(ChildOf(live.ProcessId, required: false)), pid => pid > 0 && pid != shadowPid, Patience, "the live silo to start another shadow silo");
        var after = await Eventually.UntilAsync(directory.GetParity,
            r => r.Count == DemoScenarios.Length && r.All(p => p.ThroughInput > before.Single(b => b.ScenarioId == p.ScenarioId).ThroughInput),
            Patience, "every twin to resume and take new inputs");

        await using var database = NpgsqlDataSource.Create(_connectionString);
        foreach (var report in after)
        {
            Assert.Equal(0, report.Divergences);
            Assert.Equal(report.Compared, report.Matched);

            // Every shadow decision once, equal to the live one, and none missing up to where parity has compared.
            Assert.Equal(report.Compared, await CountAsync(database,
                "SELECT count(*) FROM decision_journal l JOIN shadow_decision_journal s USING (scenario_id, decision_sequence) " +
                "WHERE l.scenario_id = $1 AND l.input_sequence <= $2 AND l.decision = s.decision AND l.input_sequence = s.input_sequence", report));
            Assert.Equal(report.Compared, await CountAsync(database,
                "SELECT count(*) FROM decision_journal WHERE scenario_id = $1 AND input_sequence <= $2", report));
            Assert.Equal(report.Compared, await CountAsync(database,
                "SELECT count(*) FROM shadow_decision_journal WHERE scenario_id = $1 AND input_sequence <= $2", report));
        }

        // PostgreSQL crashes and comes back: both clusters carry on by themselves, parity still 100 %.
        await _postgres!.StopAsync(immediate: true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _postgres.EnsureStartedAsync();
        var recovered = await Eventually.UntilAsync(directory.GetParity,
            r => r.Count == DemoScenarios.Length && r.All(p => p.ThroughInput > after.Single(b => b.ScenarioId == p.ScenarioId).ThroughInput),
            Patience, "every twin to take new inputs after the database restart");
        Assert.All(recovered, r => Assert.Equal(r.Compared, r.Matched));
        Assert.All(recovered, r => Assert.Equal(0, r.Divergences));
        await using var reopened = NpgsqlDataSource.Create(_connectionString); // the first one's connections died with the server
        // A loaded machine may leave the new shadow silo genuinely behind (a lag warning); nothing else may have fired,
        // and a lag is never more than the sample day is long.
        var alerts = await ReadAlertsAsync(reopened);
        Assert.True(alerts.All(a => a.Source == "shadow-lag" && a.Severity == "warning" && a.LagSeconds is >= 0 and < 86_400),
            string.Join('\n', alerts));
    }

    private static async Task<List<RaisedAlert>> ReadAlertsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT source, subject, severity, message FROM alerts WHERE lane = 'shadow' ORDER BY alert_id");
        await using var reader = await command.ExecuteReaderAsync();
        var alerts = new List<RaisedAlert>();
        while (await reader.ReadAsync())
        {
            alerts.Add(new RaisedAlert(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return alerts;
    }

    private sealed record RaisedAlert(string Source, string Subject, string Severity, string Message)
    {
        // "... (1234 s of exchange time) behind ...", or -1 when the message names no lag.
        public double LagSeconds => Regex.Match(Message, @"\((\d+) s of exchange time\)") is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql, ParityReport? report)
    {
        await using var command = database.CreateCommand(sql);
        if (report is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = report.ScenarioId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = report.ThroughInput });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    // The shadow silo a live silo started: the process whose command line names it as parent and the shadow lane
    // (the embedded default starts a research silo beside it too).
    private static int ChildOf(int parentPid, bool required = true)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var at = Array.IndexOf(arguments, "--parent-pid");
                var lane = Array.IndexOf(arguments, "--lane");
                if (at >= 0 && at + 1 < arguments.Length && arguments[at + 1] == $"{parentPid}" && lane >= 0 && arguments[lane + 1] == "shadow")
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours
            }
        }

        return required ? throw new InvalidOperationException($"no shadow silo started by process {parentPid}") : 0;
    }
}
