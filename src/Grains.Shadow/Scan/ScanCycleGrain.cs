using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Aegis.Grains.Shadow.Persistence;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Shadow.Scan;

/// <summary>The scan cycle (see <see cref="IScanCycleGrain"/>): the twins' books and the tape's last quotes, written as one scan.</summary>
public sealed class ScanCycleGrain(ScenarioSpecs specs, TapeOverview tape, ScanStore store, TimeProvider time, IOptions<ShadowLaneOptions> options)
    : Grain, IScanCycleGrain, IRemindable
{
    private const string Reminder = "scan";

    public async Task<ScanResult> Scan()
    {
        var taken = time.GetUtcNow().UtcDateTime;
        var scenarios = new List<(ShadowBook, ShadowTwinStatus)>();
        foreach (var id in await specs.ReadIdsAsync())
        {
            var twin = GrainFactory.GetGrain<IShadowScenarioGrain>(id);
            if (await twin.GetBook() is { } book)
            {
                scenarios.Add((book, await twin.GetStatus()));
            }
        }

        var feeds = await tape.LastQuotesAsync();
        var scanId = Guid.NewGuid();
        await store.SaveAsync(scanId, taken, scenarios, feeds);
        return new ScanResult(scanId, taken, scenarios.Count, feeds.Count);
    }

    public async Task EnsureScheduled()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, options.Value.ScanInterval, options.Value.ScanInterval);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Scan();
}
