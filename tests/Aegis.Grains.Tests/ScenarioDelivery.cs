using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Tests;

/// <summary>Delivers quotes to a scenario the way a feed's outbox does: processed, then journaled.</summary>
internal static class ScenarioDelivery
{
    public static async Task<QuoteBatchReceipt> DeliverAsync(this IScenarioGrain scenario, QuoteBatch batch)
    {
        var receipt = await scenario.OnQuotes(batch, Guid.Empty);
        Assert.True(receipt.Processed);
        var journaled = await scenario.WaitJournaled(receipt.Activation, receipt.RequiredSequence);
        Assert.Equal(receipt.Activation, journaled.Activation);
        Assert.True(journaled.JournaledSequence >= receipt.RequiredSequence,
            $"decisions up to {receipt.RequiredSequence} should be journaled, got {journaled.JournaledSequence}");
        return receipt;
    }
}
