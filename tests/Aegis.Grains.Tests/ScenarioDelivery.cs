using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;

namespace Aegis.Grains.Tests;

/// <summary>Delivers quotes to a scenario the way a feed does: taped, processed, then journaled (the journal
/// waits for the tape, so quotes that skip the tape would never be journaled).</summary>
internal static class ScenarioDelivery
{
    public static async Task DeliverAsync(this IScenarioGrain scenario, LiveLaneCluster live, QuoteBatch batch)
    {
        await live.Tape.AppendAsync(new TapeEntry(batch.Quotes, []));
        var receipt = await scenario.OnDelivery(new FeedDelivery(batch.Quotes[0].InstrumentId, batch.Quotes, []));
        Assert.True(receipt.Taken);
        var journaled = await scenario.FlushJournal();
        Assert.True(journaled > 0, "the delivery's inputs should be journaled");
    }
}
