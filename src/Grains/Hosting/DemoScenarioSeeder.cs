using Aegis.Grains.Interfaces.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Hosting;

/// <summary>Creates the shipped demo scenarios (<c>deploy/scenarios/*.yaml</c>) once the cluster
/// answers; scenarios that already exist are left as they are.</summary>
public sealed partial class DemoScenarioSeeder(IGrainFactory grains, ILogger<DemoScenarioSeeder> logger) : BackgroundService
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "scenarios");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var files = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).ToArray() : [];
        var directory = grains.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var result = await directory.Create(text);
                    if (result.Succeeded)
                    {
                        LogCreated(logger, result.Scenario!.Id);
                    }
                    else if (!result.Errors.Any(e => e.EndsWith("already exists", StringComparison.Ordinal)))
                    {
                        LogRefused(logger, Path.GetFileName(file), string.Join("; ", result.Errors));
                    }

                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The silo may not have joined yet.
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo scenario {ScenarioId} created")]
    private static partial void LogCreated(ILogger logger, string scenarioId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo scenario file {File} refused: {Errors}")]
    private static partial void LogRefused(ILogger logger, string file, string errors);
}
