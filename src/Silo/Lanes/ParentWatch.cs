using System.Diagnostics;
using Aegis.Grains.Hosting;

namespace Aegis.Silo.Lanes;

/// <summary>A companion silo (<c>--parent-pid</c>) stops gracefully when the silo that started it is gone, even one killed without a goodbye.</summary>
public sealed partial class ParentWatch(SiloHostOptions options, IHostApplicationLifetime lifetime, ILogger<ParentWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(options.ParentProcessId))
            {
                LogParentGone(logger, options.ParentProcessId);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The silo that started this one (pid {Pid}) is gone: stopping")]
    private static partial void LogParentGone(ILogger logger, int pid);
}
