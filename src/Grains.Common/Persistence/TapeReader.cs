using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>Reads quotes from the tape: the ones logged inputs name, into a <see cref="QuoteHistory"/> for a replay, or a
/// piece of one stream for a scenario catching up.</summary>
public sealed class TapeReader(NpgsqlDataSource dataSource)
{
    private const string Blocks =
        "SELECT sequences, bids, asks, bid_sizes, ask_sizes, exchange_times_unix_ns, receive_times_unix_ns FROM quote_tape_blocks " +
        "WHERE instrument_id = $1 AND source = $2 AND last_sequence >= $3 AND first_sequence <= $4";

    /// <summary>
    /// Up to <paramref name="max"/> quotes of one stream after <paramref name="after"/> and up to
    /// <paramref name="through"/>, in sequence order, each once (the tape may hold a quote twice).
    /// </summary>
    public async Task<Quote[]> ReadRangeAsync(string source, string instrumentId, long after, long through, int max, CancellationToken cancellationToken = default)
    {
        if (through <= after || max <= 0)
        {
            return [];
        }

        // Blocks in sequence order, read until the next one starts beyond what is already enough: a catch-up
        // of a long gap reads a bounded piece per call, not the whole gap each time.
        await using var command = dataSource.CreateCommand(Blocks + " ORDER BY first_sequence");
        command.Parameters.Add(new() { Value = instrumentId });
        command.Parameters.Add(new() { Value = source });
        command.Parameters.Add(new() { Value = after + 1 });
        command.Parameters.Add(new() { Value = through });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var quotes = new List<Quote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequences = reader.GetFieldValue<long[]>(0);
            if (DistinctAtLeast(quotes, max) && sequences[0] > MaxSequence(quotes))
            {
                break;
            }

            AddBlock(reader, sequences, instrumentId, source, after + 1, through, quotes);
        }

        // Blocks come in first_sequence order and hold their quotes in order, so the list is nearly always sorted
        // already; only blocks written twice (at-least-once writes) or overlapping need the sort.
        if (!InSequenceOrder(quotes))
        {
            quotes.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        var unique = new List<Quote>(Math.Min(quotes.Count, max));
        foreach (var quote in quotes)
        {
            if (unique.Count == max)
            {
                break;
            }

            if (unique.Count == 0 || unique[^1].Sequence != quote.Sequence)
            {
                unique.Add(quote);
            }
        }

        return [.. unique];
    }

    // Blocks come in first_sequence order: once max quotes are in hand, a block that starts after all of
    // them cannot hold any of the first max.
    private static bool DistinctAtLeast(List<Quote> quotes, int max) =>
        quotes.Count >= max && quotes.Select(q => q.Sequence).Distinct().Take(max).Count() == max;

    private static bool InSequenceOrder(List<Quote> quotes)
    {
        for (var i = 1; i < quotes.Count; i++)
        {
            if (quotes[i].Sequence < quotes[i - 1].Sequence)
            {
                return false;
            }
        }

        return true;
    }

    private static long MaxSequence(List<Quote> quotes)
    {
        var highest = long.MinValue;
        foreach (var quote in quotes)
        {
            highest = Math.Max(highest, quote.Sequence);
        }

        return highest;
    }

    /// <summary>Every tape quote in the sequence ranges the quote inputs of <paramref name="inputs"/> cover, one read per stream.</summary>
    public async Task<QuoteHistory> ReadAsync(IEnumerable<ScenarioInput> inputs, CancellationToken cancellationToken = default)
    {
        var ranges = new Dictionary<(string Source, string InstrumentId), (long First, long Last)>();
        foreach (var input in inputs)
        {
            if (input.Kind != InputKind.Quotes)
            {
                continue;
            }

            var key = (input.Source, input.InstrumentId);
            ranges[key] = ranges.TryGetValue(key, out var range)
                ? (Math.Min(range.First, input.FirstSequence), Math.Max(range.Last, input.LastSequence))
                : (input.FirstSequence, input.LastSequence);
        }

        var history = new QuoteHistory();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var ((source, instrumentId), (first, last)) in ranges)
        {
            history.Add(source, instrumentId, await ReadStreamAsync(connection, source, instrumentId, first, last, cancellationToken));
        }

        return history;
    }

    private static async Task<List<Quote>> ReadStreamAsync(NpgsqlConnection connection, string source, string instrumentId, long first, long last, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Blocks, connection);
        command.Parameters.Add(new() { Value = instrumentId });
        command.Parameters.Add(new() { Value = source });
        command.Parameters.Add(new() { Value = first });
        command.Parameters.Add(new() { Value = last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var quotes = new List<Quote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            AddBlock(reader, reader.GetFieldValue<long[]>(0), instrumentId, source, first, last, quotes);
        }

        return quotes;
    }

    private static void AddBlock(NpgsqlDataReader reader, long[] sequences, string instrumentId, string source, long first, long last, List<Quote> quotes)
    {
        var bids = reader.GetFieldValue<decimal[]>(1);
        var asks = reader.GetFieldValue<decimal[]>(2);
        var bidSizes = reader.GetFieldValue<long[]>(3);
        var askSizes = reader.GetFieldValue<long[]>(4);
        var exchangeTimes = reader.GetFieldValue<long[]>(5);
        var receiveTimes = reader.GetFieldValue<long[]>(6);
        for (var i = 0; i < sequences.Length; i++)
        {
            if (sequences[i] >= first && sequences[i] <= last)
            {
                quotes.Add(new Quote(instrumentId, bids[i], asks[i], bidSizes[i], askSizes[i], exchangeTimes[i], receiveTimes[i], source, sequences[i]));
            }
        }
    }
}
