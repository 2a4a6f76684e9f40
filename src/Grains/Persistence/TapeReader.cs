using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>Reads from the quote tape the quotes that logged inputs name, into a <see cref="QuoteHistory"/> for a replay.</summary>
public sealed class TapeReader(NpgsqlDataSource dataSource)
{
    private const string Blocks =
        "SELECT sequences, bids, asks, bid_sizes, ask_sizes, exchange_times_unix_ns, receive_times_unix_ns FROM quote_tape_blocks " +
        "WHERE instrument_id = $1 AND source = $2 AND last_sequence >= $3 AND first_sequence <= $4";

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
            var sequences = reader.GetFieldValue<long[]>(0);
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

        return quotes;
    }
}
