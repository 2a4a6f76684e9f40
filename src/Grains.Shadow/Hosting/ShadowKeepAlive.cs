using Aegis.Grains.Interfaces.Shadow;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Shadow.Hosting;

/// <summary>Every shadow silo asks the directory, on a timer, to keep a twin following every live scenario: new
/// scenarios get their twin within one interval, and twins whose silo died resume on a survivor. Once, it makes sure the
/// validator and the scan cycle are scheduled.</summary>
public sealed partial class ShadowKeepAlive(IGrainFactory grains, IOptions<ShadowLaneOptions> options, ILogger<ShadowKeepAlive> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeepAliveInterval);
        var scheduled = false;
        do
        {
            try
            {
                await grains.GetGrain<IShadowDirectoryGrain>(IShadowDirectoryGrain.Key).Refresh();
                if (!scheduled)
                {
                    await grains.GetGrain<IValidatorGrain>(IValidatorGrain.Key).EnsureScheduled();
                    await grains.GetGrain<IScanCycleGrain>(IScanCycleGrain.Key).EnsureScheduled();
                    scheduled = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cluster is starting or stopping, or the database is away: the next tick asks again.
                LogNotReached(logger, ex.GetBaseException().Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shadow directory not reached: {Reason}")]
    private static partial void LogNotReached(ILogger logger, string reason);
}
