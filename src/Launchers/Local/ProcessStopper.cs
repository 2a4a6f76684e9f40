using System.Diagnostics;

namespace Aegis.Launchers.Local;

/// <summary>Stops a child silo as an operator would: SIGTERM, so it leaves its cluster cleanly, then a kill if it does not exit in time.</summary>
public static class ProcessStopper
{
    public static async Task StopAsync(Process process, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || !await TerminateAsync(process.Id))
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    // .NET can only kill (SIGKILL) another process; kill(1) sends the SIGTERM a graceful stop needs.
    private static async Task<bool> TerminateAsync(int pid)
    {
        Process? kill;
        try
        {
            kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", $"{pid}"]) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no kill(1) on this machine
        }

        if (kill is null)
        {
            return false;
        }

        using var _ = kill;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }
}
