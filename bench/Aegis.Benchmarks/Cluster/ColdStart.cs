using System.Diagnostics;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Persistence.Embedded;
using Npgsql;

namespace Aegis.Benchmarks.Cluster;

/// <summary>
/// <c>cold-start</c>: wall time from launching the Release silo (<c>dotnet Aegis.Silo.dll --lane live
/// --demo false</c>, migrated throwaway database) to <c>/health/ready</c> answering 200. Each silo is
/// stopped (SIGTERM, then killed if it lingers) and the membership table emptied before the next run,
/// so every run joins the same empty cluster.
/// </summary>
public static class ColdStart
{
    public static async Task RunAsync(BenchArgs args)
    {
        var runs = args.Int("runs", 5);
        var siloDll = args.String("silo-dll") ?? DefaultSiloDll();
        var timeout = TimeSpan.FromSeconds(args.Double("timeout-seconds", 120));
        args.EnsureAllUsed();
        if (!File.Exists(siloDll))
        {
            throw new FileNotFoundException($"silo not built: {siloDll} (dotnet build src/Silo -c Release, or --silo-dll PATH)");
        }

        await using var database = await ThrowawayDatabase.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var seconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var elapsed = await StartOnceAsync(siloDll, database.ConnectionString, http, timeout);
            seconds.Add(elapsed);
            BenchReport.Line($"run {run}/{runs}: ready after {elapsed:F2} s");
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            await using var clear = dataSource.CreateCommand("DELETE FROM orleansmembershiptable");
            await clear.ExecuteNonQueryAsync();
        }

        var sorted = seconds.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        BenchReport.Line($"launch → /health/ready: median {median:F2} s, min {sorted[0]:F2} s, max {sorted[^1]:F2} s over {runs} runs");
        BenchReport.Result("cold-start", new Dictionary<string, object?>
        {
            ["parameters"] = new { runs, siloDll },
            ["medianSeconds"] = BenchReport.Round(median, 3),
            ["minSeconds"] = BenchReport.Round(sorted[0], 3),
            ["maxSeconds"] = BenchReport.Round(sorted[^1], 3),
            ["runsSeconds"] = seconds.Select(s => BenchReport.Round(s, 3)).ToArray(),
        });
    }

    private static async Task<double> StartOnceAsync(string siloDll, string connectionString, HttpClient http, TimeSpan timeout)
    {
        var httpPort = LocalPostgres.FindFreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(siloDll)!,
        };
        foreach (var arg in new[]
        {
            siloDll, "--lane", "live", "--demo", "false",
            "--silo-port", $"{LocalPostgres.FindFreePort()}", "--gateway-port", $"{LocalPostgres.FindFreePort()}", "--http-port", $"{httpPort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__aegis"] = connectionString;
        var output = new Queue<string>();
        var clock = Stopwatch.StartNew();
        using var silo = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        DataReceivedEventHandler keep = (_, e) =>
        {
            lock (output)
            {
                output.Enqueue(e.Data ?? string.Empty);
                if (output.Count > 30)
                {
                    output.Dequeue();
                }
            }
        };
        silo.OutputDataReceived += keep;
        silo.ErrorDataReceived += keep;
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < timeout && !silo.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health/ready"));
                    if ((int)response.StatusCode == 200)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(50);
            }

            lock (output)
            {
                throw new InvalidOperationException(
                    $"silo not ready after {clock.Elapsed.TotalSeconds:F0} s (exited: {silo.HasExited}); last output:\n{string.Join('\n', output)}");
            }
        }
        finally
        {
            await StopAsync(silo);
        }
    }

    private static async Task StopAsync(Process silo)
    {
        if (silo.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await silo.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }

    private static string DefaultSiloDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Aegis.Orleans.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Silo", "bin", "Release", "net10.0", "Aegis.Silo.dll");
            }
        }

        return Path.GetFullPath("src/Silo/bin/Release/net10.0/Aegis.Silo.dll");
    }
}
