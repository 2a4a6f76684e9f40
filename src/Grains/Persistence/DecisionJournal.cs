using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
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
    private const string InsertDecisions =
        "INSERT INTO decision_journal (scenario_id, decision_sequence, instrument_id, quote_sequence, quote_exchange_time_unix_ns, status_after, decision) " +
        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::jsonb[]) ON CONFLICT DO NOTHING";

    private const string InsertFills =
        "INSERT INTO scenario_fills (scenario_id, fill_id, decision_sequence, client_order_id, instrument_id, side, quantity, price, commission, multiplier, fill_time_unix_ns, quote_sequence) " +
        "SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::numeric[], $9::numeric[], $10::numeric[], $11::bigint[], $12::bigint[]) " +
        "ON CONFLICT DO NOTHING";

    /// <summary>Writes the decisions of one or more scenarios in a single transaction (one fsync for all).</summary>
    /// <remarks>Two set-based statements whatever the number of decisions: one statement per row made the
    /// server parse and plan each of them, which cost it ~30 µs a decision.</remarks>
    public async Task AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        var decisions = new DecisionColumns(appends.Sum(a => a.Entries.Count));
        var fills = new FillColumns();
        foreach (var append in appends)
        {
            foreach (var entry in append.Entries)
            {
                decisions.Add(append.ScenarioId, entry);
                foreach (var fill in entry.Decision.Fills)
                {
                    fills.Add(append.ScenarioId, entry.DecisionSequence, fill, instruments.Find(fill.InstrumentId)?.Multiplier ?? 1m);
                }
            }
        }

        if (decisions.Count == 0)
        {
            return;
        }

        // One round trip: the statements of a batch run in one implicit transaction that commits at
        // its end (all or nothing), so no BEGIN and COMMIT exchanges. The commit latency is what a
        // deciding scenario waits before it acknowledges its quotes.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(decisions.ToCommand());
        if (fills.Count > 0)
        {
            batch.BatchCommands.Add(fills.ToCommand());
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
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

    private sealed class DecisionColumns(int capacity)
    {
        private readonly List<string> _scenarioIds = new(capacity);
        private readonly List<long> _sequences = new(capacity);
        private readonly List<string> _instrumentIds = new(capacity);
        private readonly List<long> _quoteSequences = new(capacity);
        private readonly List<long> _quoteTimes = new(capacity);
        private readonly List<string> _statuses = new(capacity);
        private readonly List<string> _documents = new(capacity);

        public int Count => _sequences.Count;

        public void Add(string scenarioId, JournalEntry entry)
        {
            var decision = entry.Decision;
            _scenarioIds.Add(scenarioId);
            _sequences.Add(entry.DecisionSequence);
            _instrumentIds.Add(decision.InstrumentId);
            _quoteSequences.Add(decision.QuoteSequence);
            _quoteTimes.Add(decision.QuoteExchangeTimeUnixNs);
            _statuses.Add(decision.StatusAfter.ToString());
            _documents.Add(JsonSerializer.Serialize(decision, DomainJson.Options));
        }

        public NpgsqlBatchCommand ToCommand()
        {
            var command = new NpgsqlBatchCommand(InsertDecisions);
            AddArray(command, _scenarioIds, NpgsqlDbType.Text);
            AddArray(command, _sequences, NpgsqlDbType.Bigint);
            AddArray(command, _instrumentIds, NpgsqlDbType.Text);
            AddArray(command, _quoteSequences, NpgsqlDbType.Bigint);
            AddArray(command, _quoteTimes, NpgsqlDbType.Bigint);
            AddArray(command, _statuses, NpgsqlDbType.Text);
            AddArray(command, _documents, NpgsqlDbType.Jsonb);
            return command;
        }
    }

    private sealed class FillColumns
    {
        private readonly List<string> _scenarioIds = [];
        private readonly List<string> _fillIds = [];
        private readonly List<long> _decisionSequences = [];
        private readonly List<string> _clientOrderIds = [];
        private readonly List<string> _instrumentIds = [];
        private readonly List<string> _sides = [];
        private readonly List<long> _quantities = [];
        private readonly List<decimal> _prices = [];
        private readonly List<decimal> _commissions = [];
        private readonly List<decimal> _multipliers = [];
        private readonly List<long> _times = [];
        private readonly List<long> _quoteSequences = [];

        public int Count => _fillIds.Count;

        public void Add(string scenarioId, long decisionSequence, Fill fill, decimal multiplier)
        {
            _scenarioIds.Add(scenarioId);
            _fillIds.Add(fill.FillId);
            _decisionSequences.Add(decisionSequence);
            _clientOrderIds.Add(fill.ClientOrderId);
            _instrumentIds.Add(fill.InstrumentId);
            _sides.Add(fill.Side.ToString());
            _quantities.Add(fill.Quantity);
            _prices.Add(fill.Price);
            _commissions.Add(fill.Commission);
            _multipliers.Add(multiplier);
            _times.Add(fill.TimeUnixNs);
            _quoteSequences.Add(fill.QuoteSequence);
        }

        public NpgsqlBatchCommand ToCommand()
        {
            var command = new NpgsqlBatchCommand(InsertFills);
            AddArray(command, _scenarioIds, NpgsqlDbType.Text);
            AddArray(command, _fillIds, NpgsqlDbType.Text);
            AddArray(command, _decisionSequences, NpgsqlDbType.Bigint);
            AddArray(command, _clientOrderIds, NpgsqlDbType.Text);
            AddArray(command, _instrumentIds, NpgsqlDbType.Text);
            AddArray(command, _sides, NpgsqlDbType.Text);
            AddArray(command, _quantities, NpgsqlDbType.Bigint);
            AddArray(command, _prices, NpgsqlDbType.Numeric);
            AddArray(command, _commissions, NpgsqlDbType.Numeric);
            AddArray(command, _multipliers, NpgsqlDbType.Numeric);
            AddArray(command, _times, NpgsqlDbType.Bigint);
            AddArray(command, _quoteSequences, NpgsqlDbType.Bigint);
            return command;
        }
    }

    private static void AddArray<T>(NpgsqlBatchCommand command, List<T> values, NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter<List<T>>() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType });
}
