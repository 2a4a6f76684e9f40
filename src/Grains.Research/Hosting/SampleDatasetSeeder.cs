using Aegis.Datasets.Import;
using Aegis.Datasets.Storage;
using Aegis.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Research.Hosting;

/// <summary>On a research silo of the embedded demo: makes sure the sample day is there as the dataset <c>sample-day</c>.</summary>
public sealed partial class SampleDatasetSeeder(IObjectStore store, SiloHostOptions options, ILogger<SampleDatasetSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var manifest = await SampleDayImport.EnsureAsync(store, options.ResolvedHome, cancellationToken: stoppingToken);
        LogReady(logger, manifest.Name, manifest.Partitions.Count, manifest.Rows);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset} is ready: {Partitions} partitions, {Rows} quotes")]
    private static partial void LogReady(ILogger logger, string dataset, int partitions, long rows);
}
