using System.Diagnostics;
using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;

namespace Aegis.Connectors.Tests.Replay;

/// <summary>
/// The default-seed sample day, generated once for all replay tests: in memory and on disk (through
/// <see cref="MarketDayFile.EnsureSampleDayAsync"/>) in a temporary directory removed afterwards.
/// </summary>
public sealed class SampleDayFixture : IAsyncLifetime
{
    public string Directory { get; private set; } = "";

    public string FilePath { get; private set; } = "";

    public Quote[] Quotes { get; private set; } = [];

    public TimeSpan GenerationTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("aegis-replay-tests-").FullName;
        var stopwatch = Stopwatch.StartNew();
        Quotes = new MarketDayGenerator(MarketDayFile.DefaultSeed).Generate();
        GenerationTime = stopwatch.Elapsed;
        FilePath = await MarketDayFile.EnsureSampleDayAsync(Directory);
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
