using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;

namespace Aegis.Grains.Tests;

/// <summary>Delivers quotes to a scenario the way a feed does: taped, processed, then journaled (the journal
/// waits for the tape, so quotes that skip the tape would never be journaled).</summary>
internal static class ScenarioDelivery
{
    public static async Task<QuoteBatchReceipt> DeliverAsync(this IScenarioGrain scenario, LiveLaneCluster live, QuoteBatch batch)
    {
        await live.Tape.AppendAsync(new TapeEntry(batch.Quotes, []));
        var receipt = await scenario.OnQuotes(batch, Guid.Empty);
        Assert.True(receipt.Processed);
        var journaled = await scenario.WaitJournaled(receipt.Activation, receipt.RequiredSequence);
        Assert.Equal(receipt.Activation, journaled.Activation);
        Assert.True(journaled.JournaledSequence >= receipt.RequiredSequence,
            $"decisions up to {receipt.RequiredSequence} should be journaled, got {journaled.JournaledSequence}");
        return receipt;
    }
}
