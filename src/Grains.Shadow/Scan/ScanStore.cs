using System.Text.Json;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Shadow.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Shadow.Scan;

/// <summary>The scan cycle's snapshot rows (<c>scan_scenarios</c>, <c>scan_feeds</c>), one scan in one transaction.</summary>
public sealed class ScanStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(Guid scanId, DateTime takenUtc, IReadOnlyList<(ShadowBook Book, ShadowTwinStatus Twin)> scenarios, IReadOnlyList<LastQuote> feeds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(feeds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var rows = new NpgsqlCommand(
            "INSERT INTO scan_scenarios (scan_id, taken_at, scenario_id, status, positions, cash, equity, realized_pnl, unrealized_pnl, decisions, lag_inputs, lag_seconds) " +
            "SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::jsonb[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::bigint[], $11::bigint[], $12::float8[])",
            connection, transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = scanId });
            rows.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = takenUtc });
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. scenarios.Select(s => s.Book.ScenarioId)] });
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. scenarios.Select(s => s.Book.Status)] });
            rows.Parameters.Add(new NpgsqlParameter { Value = scenarios.Select(s => JsonSerializer.Serialize(s.Book.Positions)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. scenarios.Select(s => s.Book.Cash)] });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. scenarios.Select(s => s.Book.Equity)] });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. scenarios.Select(s => s.Book.RealizedPnl)] });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. scenarios.Select(s => s.Book.UnrealizedPnl)] });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. scenarios.Select(s => s.Book.DecisionSequence)] });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. scenarios.Select(s => s.Twin.LagInputs)] });
            rows.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. scenarios.Select(s => s.Twin.LagSeconds)] });
            await rows.ExecuteNonQueryAsync(cancellationToken);
        }

        var takenUnixNs = new DateTimeOffset(takenUtc).ToUnixTimeMilliseconds() * 1_000_000L;
        await using (var rows = new NpgsqlCommand(
            "INSERT INTO scan_feeds (scan_id, taken_at, instrument_id, source, last_sequence, bid, ask, last_exchange_time_unix_ns, last_receive_time_unix_ns, staleness_seconds) " +
            "SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::bigint[], $6::numeric[], $7::numeric[], $8::bigint[], $9::bigint[], $10::float8[])",
            connection, transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = scanId });
            rows.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = takenUtc });
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. feeds.Select(f => f.InstrumentId)] });
            rows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. feeds.Select(f => f.Source)] });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. feeds.Select(f => f.Sequence)] });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. feeds.Select(f => f.Bid)] });
            rows.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. feeds.Select(f => f.Ask)] });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. feeds.Select(f => f.ExchangeUnixNs)] });
            rows.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. feeds.Select(f => f.ReceiveUnixNs)] });
            rows.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. feeds.Select(f => Math.Max(0, (takenUnixNs - f.ReceiveUnixNs) / 1e9))] });
            await rows.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
