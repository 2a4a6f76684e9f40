using Npgsql;

namespace Aegis.Grains.Shadow.Persistence;

/// <summary>A stream's last quote on the tape.</summary>
public sealed record LastQuote(string InstrumentId, string Source, long Sequence, decimal Bid, decimal Ask, long ExchangeUnixNs, long ReceiveUnixNs);

/// <summary>The tape at a glance: where each stream of its latest exchange day is.</summary>
public sealed class TapeOverview(NpgsqlDataSource dataSource)
{
    /// <summary>The tape's latest exchange day, as SQL: the day feeds, staleness and gaps are judged on.</summary>
    public const string LatestDay = "(SELECT max(exchange_day) FROM quote_tape_blocks)";

    /// <summary>Each stream's last quote on the tape's latest day.</summary>
    public async Task<IReadOnlyList<LastQuote>> LastQuotesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT ON (instrument_id, source) instrument_id, source, last_sequence, " +
            "bids[cardinality(bids)], asks[cardinality(asks)], exchange_times_unix_ns[cardinality(exchange_times_unix_ns)], receive_times_unix_ns[cardinality(receive_times_unix_ns)] " +
            "FROM quote_tape_blocks WHERE exchange_day = " + LatestDay + " ORDER BY instrument_id, source, last_sequence DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var quotes = new List<LastQuote>();
        while (await reader.ReadAsync(cancellationToken))
        {
            quotes.Add(new LastQuote(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetInt64(5), reader.GetInt64(6)));
        }

        return quotes;
    }
}
