using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Appends scenario decisions and their fills to PostgreSQL in one transaction, and reads back the
/// decisions made after a snapshot. Appends are idempotent (a retry after an unknown commit outcome
/// inserts nothing twice), so a fill can never be recorded twice.
/// </summary>
public sealed class DecisionJournal(NpgsqlDataSource dataSource, InstrumentCatalog instruments)
{
    /// <summary>Writes the decisions of one or more scenarios in a single transaction (one fsync for all).</summary>
    public async Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var append in appends)
        {
            foreach (var entry in append.Entries)
            {
                AddDecision(batch, append.ScenarioId, entry);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private void AddDecision(NpgsqlBatch batch, string scenarioId, JournalEntry entry)
    {
        var decision = entry.Decision;
        var journal = new NpgsqlBatchCommand(
            "INSERT INTO decision_journal (scenario_id, decision_sequence, instrument_id, quote_sequence, quote_exchange_time_unix_ns, status_after, decision) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING");
        journal.Parameters.Add(new() { Value = scenarioId });
        journal.Parameters.Add(new() { Value = entry.DecisionSequence });
        journal.Parameters.Add(new() { Value = decision.InstrumentId });
        journal.Parameters.Add(new() { Value = decision.QuoteSequence });
        journal.Parameters.Add(new() { Value = decision.QuoteExchangeTimeUnixNs });
        journal.Parameters.Add(new() { Value = decision.StatusAfter.ToString() });
        journal.Parameters.Add(new() { Value = JsonSerializer.Serialize(decision, DomainJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(journal);

        foreach (var fill in decision.Fills)
        {
            var row = new NpgsqlBatchCommand(
                "INSERT INTO scenario_fills (scenario_id, fill_id, decision_sequence, client_order_id, instrument_id, side, quantity, price, commission, multiplier, fill_time_unix_ns, quote_sequence) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING");
            row.Parameters.Add(new() { Value = scenarioId });
            row.Parameters.Add(new() { Value = fill.FillId });
            row.Parameters.Add(new() { Value = entry.DecisionSequence });
            row.Parameters.Add(new() { Value = fill.ClientOrderId });
            row.Parameters.Add(new() { Value = fill.InstrumentId });
            row.Parameters.Add(new() { Value = fill.Side.ToString() });
            row.Parameters.Add(new() { Value = fill.Quantity });
            row.Parameters.Add(new() { Value = fill.Price });
            row.Parameters.Add(new() { Value = fill.Commission });
            row.Parameters.Add(new() { Value = instruments.Find(fill.InstrumentId)?.Multiplier ?? 1m });
            row.Parameters.Add(new() { Value = fill.TimeUnixNs });
            row.Parameters.Add(new() { Value = fill.QuoteSequence });
            batch.BatchCommands.Add(row);
        }
    }

    /// <summary>The newest fills of a scenario, newest first.</summary>
    public async Task<IReadOnlyList<Aegis.Grains.Interfaces.Live.FillView>> ReadRecentFillsAsync(string scenarioId, int count, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT fill_id, client_order_id, instrument_id, side, quantity, price, commission, fill_time_unix_ns FROM scenario_fills " +
            "WHERE scenario_id = $1 ORDER BY decision_sequence DESC, fill_id DESC LIMIT $2");
        command.Parameters.Add(new() { Value = scenarioId });
        command.Parameters.Add(new() { Value = count });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fills = new List<Aegis.Grains.Interfaces.Live.FillView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            fills.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetInt64(7)));
        }

        return fills;
    }

    /// <summary>Decisions numbered above <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAfterAsync(string scenarioId, long afterSequence, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision_sequence, decision FROM decision_journal WHERE scenario_id = $1 AND decision_sequence > $2 ORDER BY decision_sequence");
        command.Parameters.Add(new() { Value = scenarioId });
        command.Parameters.Add(new() { Value = afterSequence });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = JsonSerializer.Deserialize<ScenarioDecision>(reader.GetString(1), DomainJson.Options)
                ?? throw new InvalidOperationException($"journal row {scenarioId}/{reader.GetInt64(0)} is empty");
            entries.Add(new JournalEntry(reader.GetInt64(0), decision));
        }

        return entries;
    }
}
