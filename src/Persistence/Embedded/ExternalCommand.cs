using System.Diagnostics;

namespace Aegis.Persistence.Embedded;

/// <summary>Runs a PostgreSQL tool, as the <c>postgres</c> OS user when this process is root (initdb
/// and the server refuse to run as root).</summary>
internal static class ExternalCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(executable);
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // LC_ALL=C keeps initdb from failing on machines without the caller's locale.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new LocalPostgresException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
