using System.Text.Json;
using Aegis.Testing;

namespace Aegis.SystemTests;

/// <summary>Bad settings and unreachable parts give one clear line and a non-zero exit; the console works against a real silo.</summary>
[Trait("Category", "System")]
public sealed class StartupAndConsoleTests(PostgresServerFixture postgres) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aegis-console-").FullName;

    [Theory]
    [InlineData("--lane", "bogus", "setting Aegis:Lane (--lane) must be live, shadow or research, got 'bogus'")]
    [InlineData("--http-port", "99999", "setting Aegis:HttpPort (--http-port) must be a TCP port 1-65535, got '99999'")]
    [InlineData("--replay-speed", "fast", "setting Aegis:Replay:Speed (--replay-speed) must be a number >= 0")]
    [InlineData("--with-shadow", "true", "setting Aegis:WithShadow (--with-shadow) starts a shadow silo on the embedded default only")]
    [InlineData("--with-research", "true", "setting Aegis:WithResearch (--with-research) starts a research silo beside a live silo of the embedded default only")]
    public async Task A_bad_setting_stops_the_silo_with_one_line_naming_it(string flag, string value, string expected)
    {
        await using var silo = SiloProcess.Start("bad-setting", "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z", _home, flag, value);

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("aegis-silo: " + expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_or_unmigrated_database_stops_the_silo_with_one_line()
    {
        await using var unreachable = SiloProcess.Start("no-db", "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2", _home);
        var exitCode = await unreachable.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 2, $"exit code {exitCode}: {unreachable.Output}");
        Assert.Equal("aegis-silo: database 127.0.0.1:1/z is unreachable: Connection refused", unreachable.Output.Trim());

        var empty = await postgres.CreateDatabaseAsync("unmigrated");
        await using var unmigrated = SiloProcess.Start("old-schema", empty, _home);
        Assert.Equal(2, await unmigrated.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("is at schema version 0", unmigrated.Output, StringComparison.Ordinal);
        Assert.Contains("run 'aegis db migrate'", unmigrated.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_migrates_creates_lists_and_refuses_clearly()
    {
        var connectionString = await postgres.CreateDatabaseAsync("console");
        var noCluster = await ConsoleRun.RunAsync(connectionString, _home, "db", "migrate");
        Assert.Equal(0, noCluster.ExitCode);
        Assert.Contains("database migrated to schema version", noCluster.Output, StringComparison.Ordinal);
        Assert.Contains("up to date", (await ConsoleRun.RunAsync(connectionString, _home, "db", "migrate")).Output, StringComparison.Ordinal);

        var unreachable = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "list");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Single(unreachable.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("aegis: cluster aegis-live has no active silo in the membership table", unreachable.Error, StringComparison.Ordinal);

        await using var silo = SiloProcess.Start("console-silo", connectionString, _home, "--demo", "false");
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using (var http = new HttpClient())
        {
            using var dashboard = await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/dashboard/"));
            Assert.True(dashboard.IsSuccessStatusCode, $"dashboard answered {(int)dashboard.StatusCode}");
            using var live = await http.GetAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/health/live"));
            Assert.True(live.IsSuccessStatusCode);
        }

        var status = await ConsoleRun.RunAsync(connectionString, _home, "cluster", "status", "--json");
        Assert.Equal(0, status.ExitCode);
        var silos = JsonDocument.Parse(status.Output).RootElement.EnumerateArray().ToArray();
        Assert.Contains(silos, s => s.GetProperty("siloName").GetString() == "console-silo" && s.GetProperty("status").GetString() == "active"
            && s.GetProperty("lane").GetString() == "live" && s.GetProperty("activations").GetInt32() > 0);

        var spec = Path.Combine(SiloProcess.RepositoryRoot, "deploy", "scenarios", "spy-ma-crossover.yaml");
        var created = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "create", "-f", spec);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("created scenario spy-ma-crossover", created.Output, StringComparison.Ordinal);

        var invalid = Path.Combine(_home, "invalid.yaml");
        await File.WriteAllTextAsync(invalid, (await File.ReadAllTextAsync(spec)).Replace("maxNotional: 400000", "maxNotional: -1", StringComparison.Ordinal).Replace("spy-ma-crossover", "other", StringComparison.Ordinal));
        var refused = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "create", "-f", invalid);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("maxNotional", refused.Error, StringComparison.Ordinal);

        var listed = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "list", "--json");
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(["spy-ma-crossover"], JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()));

        var unknown = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "show", "nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("aegis: unknown scenario 'nope'", unknown.Error.Trim());

        var halted = await ConsoleRun.RunAsync(connectionString, _home, "killswitch", "--yes");
        Assert.Equal(0, halted.ExitCode);
        var shown = await ConsoleRun.RunAsync(connectionString, _home, "scenarios", "show", "spy-ma-crossover", "--json");
        Assert.Equal("halted", JsonDocument.Parse(shown.Output).RootElement.GetProperty("summary").GetProperty("status").GetString());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
