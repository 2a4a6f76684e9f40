using Aegis.Connectors.Replay;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Storage;
using Aegis.Domain.Quotes;

namespace Aegis.Datasets.Import;

/// <summary>
/// The embedded default's sample day (the quotes the live lane replays) as a research dataset, one partition per
/// instrument, so that a newcomer can sweep over the day the demo scenarios traded.
/// </summary>
public static class SampleDayImport
{
    public const string DefaultName = "sample-day";

    /// <summary>Writes the dataset unless it exists; returns its manifest either way.</summary>
    public static async Task<DatasetManifest> EnsureAsync(IObjectStore store, string home, string name = DefaultName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var reader = new DatasetReader(store);
        if (await store.ExistsAsync(DatasetKeys.Manifest(name), cancellationToken))
        {
            return await reader.ReadManifestAsync(name, cancellationToken);
        }

        var file = await MarketDayFile.EnsureSampleDayAsync(Path.Combine(home, "market"), cancellationToken: cancellationToken);
        var quotes = await MarketDayFile.ReadAllAsync(file, cancellationToken);
        var partitions = quotes.GroupBy(q => q.InstrumentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (SampleMarket.TradingDate, QuoteColumns.From(g.Key, g)));
        try
        {
            return await new DatasetWriter(store).WriteQuotesAsync(name, $"sample day {SampleMarket.TradingDate:yyyy-MM-dd} (seed {MarketDayFile.DefaultSeed})", partitions, cancellationToken);
        }
        catch (DatasetExistsException)
        {
            return await reader.ReadManifestAsync(name, cancellationToken); // another silo wrote it meanwhile: the same bytes
        }
    }
}
