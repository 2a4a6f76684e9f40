using System.Diagnostics;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Launchers.Local;
using Aegis.Persistence.Embedded;

namespace Aegis.Silo.Lanes;

/// <summary>
/// A silo of another lane that a live silo starts beside it (<c>--with-shadow</c>, <c>--with-research</c>, both on in
/// the embedded demo): the same program with <c>--lane shadow</c> or <c>--lane research</c> on the same home, as a
/// child process that follows this one's life. A child that dies is started again after a growing pause; this silo's
/// shutdown stops it gracefully.
/// </summary>
public sealed partial class LaneCompanion(Lane lane, SiloHostOptions options, IHostApplicationLifetime lifetime, ILogger<LaneCompanion> logger) : BackgroundService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var pause = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var child = Process.Start(StartInfo()) ?? throw new InvalidOperationException($"the {Name} silo's process did not start");
            LogStarted(logger, Name, child.Id);
            try
            {
                await child.WaitForExitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(child);
                return;
            }

            LogExited(logger, Name, child.ExitCode, pause.TotalSeconds);
            await Task.Delay(pause, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            pause = TimeSpan.FromSeconds(Math.Min(60, pause.TotalSeconds * 2));
        }
    }

    private string Name => LaneIdentity.Name(lane);

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private ProcessStartInfo StartInfo()
    {
        // The live silo on its lane's default ports takes the companion lane's defaults; one moved elsewhere (several
        // live silos on one machine) gives its companion free ports.
        var defaults = options.SiloPort == LaneIdentity.DefaultSiloPort(Lane.Live);
        int Port(int lanePort) => defaults ? lanePort : LocalPostgres.FindFreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LaneCompanion).Assembly.Location);
        }

        foreach (var argument in (string[])[
            "--lane", Name, "--home", options.ResolvedHome, "--name", $"{options.SiloName}-{Name}", "--parent-pid", $"{Environment.ProcessId}",
            "--http-port", $"{Port(LaneIdentity.DefaultHttpPort(lane))}", "--silo-port", $"{Port(LaneIdentity.DefaultSiloPort(lane))}",
            "--gateway-port", $"{Port(LaneIdentity.DefaultGatewayPort(lane))}", "--demo", options.Demo ? "true" : "false"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("Aegis__WithShadow");
        start.Environment.Remove("Aegis__WithResearch");
        return start;
    }

    // SIGTERM, as an operator would: the child leaves its cluster and stops its twins cleanly.
    private async Task StopAsync(Process child)
    {
        await ProcessStopper.StopAsync(child, StopTimeout);
        LogStopped(logger, Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started the {Lane} silo beside this one (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string lane, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Lane} silo exited with code {ExitCode}; starting it again in {Seconds} s")]
    private static partial void LogExited(ILogger logger, string lane, int exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped the {Lane} silo")]
    private static partial void LogStopped(ILogger logger, string lane);
}
