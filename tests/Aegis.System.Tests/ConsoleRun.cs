using System.Diagnostics;
using Aegis.Testing;

namespace Aegis.SystemTests;

/// <summary>Runs the <c>aegis</c> console as a process, as an operator would.</summary>
public sealed record ConsoleRun(int ExitCode, string Output, string Error)
{
    public static Task<ConsoleRun> RunAsync(string? connectionString, string home, params string[] arguments) =>
        RunAsync(TimeSpan.FromSeconds(60), connectionString, home, arguments);

    /// <summary>A command that may take longer than a minute (a job that launches silos, on a loaded machine).</summary>
    public static async Task<ConsoleRun> RunAsync(TimeSpan patience, string? connectionString, string home, params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var dll = Path.Combine(SiloProcess.RepositoryRoot, "src", "Client", "bin", configuration, "net10.0", "aegis.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--home", home, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__aegis");
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__aegis"] = connectionString;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        await process.WaitForExitAsync(timeout.Token);
        return new ConsoleRun(process.ExitCode, await output, await error);
    }
}
