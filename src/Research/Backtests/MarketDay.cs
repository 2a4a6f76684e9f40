using System.Collections.Concurrent;
using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;

namespace Aegis.Research.Backtests;

/// <summary>
/// The quotes of one or more days, decoded once, as every backtest of a sweep reads them. Per set of instruments
/// the quotes are merged once, by the live lane's rule for a scenario that watches several instruments
/// (<see cref="ExchangeTimeOrder"/>: exchange time, then instrument, then source, then sequence), and the merged run
/// is shared by every parameter set that watches the same instruments.
/// </summary>
public sealed class MarketDay
{
    private readonly Dictionary<string, Quote[]> _byInstrument;
    private readonly ConcurrentDictionary<string, Lazy<Quote[]>> _merged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Instruments, bool ExtendedHours), Lazy<PreparedQuotes>> _prepared = new();

    public MarketDay(IEnumerable<QuoteColumns> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        _byInstrument = partitions.GroupBy(p => p.InstrumentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Quotes(g.ToList()), StringComparer.Ordinal);
        QuoteCount = _byInstrument.Values.Sum(q => (long)q.Length);
    }

    // One instrument's quotes in exchange-time order: partitions are each in order, so days that follow one another
    // are only concatenated; anything else is sorted.
    private static Quote[] Quotes(List<QuoteColumns> partitions)
    {
        var quotes = new Quote[partitions.Sum(p => p.Count)];
        var at = 0;
        foreach (var partition in partitions)
        {
            for (var i = 0; i < partition.Count; i++)
            {
                quotes[at++] = partition[i];
            }
        }

        for (var i = 1; i < quotes.Length; i++)
        {
            if (ExchangeTimeOrder.Compare(quotes[i - 1], quotes[i]) > 0)
            {
                Array.Sort(quotes, (a, b) => ExchangeTimeOrder.Compare(a, b));
                break;
            }
        }

        return quotes;
    }

    public IReadOnlyCollection<string> Instruments => _byInstrument.Keys;

    public long QuoteCount { get; }

    /// <summary>The quotes of <paramref name="instruments"/>, merged in exchange-time order.</summary>
    /// <exception cref="ArgumentException">An instrument has no quotes in this day's data.</exception>
    public Quote[] Merged(IReadOnlyList<string> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        foreach (var id in instruments)
        {
            if (!_byInstrument.ContainsKey(id))
            {
                throw new ArgumentException($"the data has no quotes of {id} (it has {string.Join(", ", _byInstrument.Keys.Order(StringComparer.Ordinal))})");
            }
        }

        var key = MergeKey(instruments);
        return _merged.GetOrAdd(key, _ => new Lazy<Quote[]>(() =>
            ExchangeTimeOrder.Merge(instruments.Distinct(StringComparer.Ordinal).Select(id => (ReadOnlyMemory<Quote>)_byInstrument[id]).ToList()))).Value;
    }

    /// <summary>
    /// The merged quotes of a scenario's instruments, prepared for its session rule: what every backtest of a sweep
    /// over the same instruments shares (see <see cref="PreparedQuotes"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An instrument has no quotes in this day's data.</exception>
    public PreparedQuotes Prepared(IReadOnlyList<string> instruments, bool extendedHours)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var merged = Merged(instruments);
        return _prepared.GetOrAdd((string.Join('\n', instruments), extendedHours), _ => new Lazy<PreparedQuotes>(() =>
            new PreparedQuotes(merged, instruments.ToArray(), extendedHours))).Value;
    }

    private static string MergeKey(IReadOnlyList<string> instruments) =>
        string.Join('\n', instruments.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
