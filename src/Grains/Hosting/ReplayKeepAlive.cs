using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Hosting;

/// <summary>Every live silo pokes the replay grain every few seconds, so an enabled replay keeps
/// running (reactivated on a survivor) whichever silo dies. A silo whose own settings enable the
/// replay sends them along, which enables it for the whole cluster; the others keep it going as it is.</summary>
public sealed partial class ReplayKeepAlive(IGrainFactory grains, IOptions<ReplaySettings> settings, ILogger<ReplayKeepAlive> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var own = settings.Value;
        var request = own.Enabled ? new ReplayRequest(own.Speed, own.Seed) : null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                await grains.GetGrain<IReplayGrain>(IReplayGrain.Key).EnsureRunning(request);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotReached(logger, ex.GetBaseException().Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replay grain not reached yet: {Reason}")]
    private static partial void LogNotReached(ILogger logger, string reason);
}
