using Aegis.Grains.Interfaces.Live;

namespace Aegis.Silo.Lanes.Live;

/// <summary>Every live silo pokes the replay grain every few seconds, so the replay keeps running
/// (reactivated on a survivor) whichever silo dies.</summary>
public sealed partial class ReplayKeepAlive(IGrainFactory grains, ILogger<ReplayKeepAlive> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                await grains.GetGrain<IReplayGrain>(IReplayGrain.Key).EnsureRunning();
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
