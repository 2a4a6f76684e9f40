using System.Collections.Concurrent;
using Aegis.Datasets;
using Aegis.Datasets.Layout;
using Aegis.Research.Backtests;

namespace Aegis.Grains.Research.Workers;

/// <summary>
/// The datasets this silo has decoded, shared by every worker on it: each partition is read, checked and decoded
/// once per silo however many chunks and trials run over it. A load that failed is not kept, so the next chunk tries
/// again (the store may have been unreachable).
/// </summary>
public sealed class DatasetCache(DatasetReader reader)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MarketDay>>> _days = new(StringComparer.Ordinal);
    private int _loads;

    /// <summary>Datasets decoded since the silo started.</summary>
    public int Loads => Volatile.Read(ref _loads);

    public async Task<MarketDay> GetAsync(string dataset, CancellationToken cancellationToken = default)
    {
        var entry = _days.GetOrAdd(dataset, name => new Lazy<Task<MarketDay>>(() => LoadAsync(name, cancellationToken)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _days.TryRemove(new KeyValuePair<string, Lazy<Task<MarketDay>>>(dataset, entry));
            throw;
        }
    }

    private async Task<MarketDay> LoadAsync(string dataset, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        var manifest = await reader.ReadManifestAsync(dataset, cancellationToken);
        var columns = new List<Aegis.Domain.Quotes.QuoteColumns>();
        foreach (var partition in manifest.Partitions)
        {
            if (await reader.ReadMarketAsync(partition, cancellationToken) is { } market)
            {
                columns.Add(market);
            }
        }

        return new MarketDay(columns);
    }
}
