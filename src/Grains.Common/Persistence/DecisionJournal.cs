using System.Text.Json;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Appends scenario inputs, the decisions they caused and their fills to PostgreSQL in one
/// transaction, and reads them back for recovery and replays. Appends are idempotent (a retry after
/// an unknown commit outcome inserts nothing twice), so a fill can never be recorded twice; a row
/// that meets a *different* row at the same sequence is a divergence and is reported, never dropped.
/// </summary>
public sealed class DecisionJournal(NpgsqlDataSource dataSource, InstrumentCatalog instruments)
{
    private const string DecisionColumnsText =
        "$1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::jsonb[], $8::bigint[]";

    private const string InsertDecisions =
        "INSERT INTO decision_journal (scenario_id, decision_sequence, instrument_id, quote_sequence, quote_exchange_time_unix_ns, status_after, decision, input_sequence) " +
        "SELECT * FROM unnest(" + DecisionColumnsText + ") ON CONFLICT DO NOTHING";

    private const string DivergedDecisions =
        "SELECT t.s, t.q FROM unnest(" + DecisionColumnsText + ") AS t(s, q, i, qs, qt, st, d, inp) " +
        "JOIN decision_journal j ON j.scenario_id = t.s AND j.decision_sequence = t.q " +
        "WHERE j.decision <> t.d OR j.input_sequence IS DISTINCT FROM t.inp";

    private const string InsertFills =
        "INSERT INTO scenario_fills (scenario_id, fill_id, decision_sequence, client_order_id, instrument_id, side, quantity, price, commission, multiplier, fill_time_unix_ns, quote_sequence) " +
        "SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::numeric[], $9::numeric[], $10::numeric[], $11::bigint[], $12::bigint[]) " +
        "ON CONFLICT DO NOTHING";

    /// <summary>
    /// Writes the inputs and decisions of one or more scenarios in a single transaction (one fsync for
    /// all). Returns, per scenario, what diverged: rows already stored at the same sequence that differ
    /// from the ones given (empty when everything was new or identical).
    /// </summary>
    /// <remarks>Set-based statements whatever the number of rows: one statement per row made the
    /// server parse and plan each of them, which cost it ~30 µs a decision. Each scenario's inputs go
    /// as one block row (<see cref="InputLogBlocks"/>).</remarks>
    public async Task<IReadOnlyDictionary<string, string>> AppendAsync(IReadOnlyList<JournalAppend> appends, CancellationToken cancellationToken = default)
    {
        var inputs = new InputLogBlocks();
        var decisions = new DecisionColumns(appends.Sum(a => a.Decisions.Count));
        var fills = new FillColumns();
        foreach (var append in appends)
        {
            inputs.Add(append.ScenarioId, append.Inputs);
            foreach (var entry in append.Decisions)
            {
                decisions.Add(append.ScenarioId, entry);
                foreach (var fill in entry.Decision.Fills)
                {
                    fills.Add(append.ScenarioId, entry.DecisionSequence, fill, instruments.Find(fill.InstrumentId)?.Multiplier ?? 1m);
                }
            }
        }

        if (decisions.Count == 0 && inputs.Blocks.Count == 0)
        {
            return Diverged.None;
        }

        // BEGIN goes out with the statements; the commit is the one extra round trip. A block that met a
        // stored one is settled inside the transaction, so inputs never commit after the decisions they caused.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        NpgsqlBatchCommand? decisionInsert = null;
        if (inputs.Blocks.Count > 0)
        {
            batch.BatchCommands.Add(inputs.ToInsert());
        }

        if (decisions.Count > 0)
        {
            batch.BatchCommands.Add(decisionInsert = decisions.ToCommand(InsertDecisions));
        }

        if (fills.Count > 0)
        {
            batch.BatchCommands.Add(fills.ToCommand());
        }

        var written = new HashSet<(string, long)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (inputs.Blocks.Count > 0)
            {
                await ReadWrittenAsync(reader, written, cancellationToken);
            }

            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        // Rows skipped by ON CONFLICT are either a retry of an append whose commit outcome was unknown or
        // a divergence. Only then is it worth a second look.
        var diverged = new Diverged();
        var met = inputs.Blocks.Where(b => !written.Contains((b.ScenarioId, b.First))).ToList();
        if (met.Count > 0)
        {
            await ReconcileInputsAsync(connection, met, diverged, cancellationToken);
        }

        if (decisionInsert is not null && decisionInsert.RecordsAffected < decisions.Count)
        {
            await diverged.FindAsync(connection, decisions.ToCommand(DivergedDecisions), "decision", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return diverged.ByScenario;
    }

    private static async Task ReadWrittenAsync(NpgsqlDataReader reader, HashSet<(string, long)> written, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            written.Add((reader.GetString(0), reader.GetInt64(1)));
        }
    }

    // Compares each block that met stored inputs with them, and writes what is left of it after an identical
    // prefix. What is left may meet another block in turn (a writer that failed twice in a row), so this goes
    // round a few times; more than that means the log keeps changing under it.
    private static async Task ReconcileInputsAsync(NpgsqlConnection connection, List<InputLogBlocks.Block> met, Diverged diverged, CancellationToken cancellationToken)
    {
        const int Rounds = 4;
        for (var round = 0; round < Rounds && met.Count > 0; round++)
        {
            var stored = new List<(string ScenarioId, ScenarioInput[] Inputs)>();
            await using (var query = new NpgsqlBatch(connection) { BatchCommands = { InputLogBlocks.Overlapping(met) } })
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored.Add(InputLogBlocks.Read(reader));
                }
            }

            var rest = new InputLogBlocks();
            foreach (var block in met)
            {
                var overlapping = stored
                    .Where(s => s.ScenarioId == block.ScenarioId && s.Inputs[^1].InputSequence >= block.First && s.Inputs[0].InputSequence <= block.Last)
                    .Select(s => (IReadOnlyList<ScenarioInput>)s.Inputs).ToList();
                var (why, remaining) = InputLogReconciliation.Reconcile(block.ScenarioId, block.Inputs, overlapping);
                if (why is not null)
                {
                    diverged.Add(block.ScenarioId, why);
                }
                else
                {
                    rest.Add(block.ScenarioId, remaining);
                }
            }

            if (rest.Blocks.Count == 0)
            {
                return;
            }

            var written = new HashSet<(string, long)>();
            await using (var insert = new NpgsqlBatch(connection) { BatchCommands = { rest.ToInsert() } })
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                await ReadWrittenAsync(reader, written, cancellationToken);
            }

            met = rest.Blocks.Where(b => !written.Contains((b.ScenarioId, b.First))).ToList();
        }

        if (met.Count > 0)
        {
            throw new InvalidOperationException(
                $"the input log of scenario '{met[0].ScenarioId}' kept changing while inputs {met[0].First}..{met[0].Last} were written ({Rounds} rounds)");
        }
    }

    /// <summary>The last input and decision numbers journaled for a scenario (0 when none).</summary>
    public async Task<(long Input, long Decision)> ReadEndsAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT (SELECT coalesce(max(last_input_sequence), 0) FROM scenario_input_blocks WHERE scenario_id = $1), " +
            "(SELECT coalesce(max(decision_sequence), 0) FROM decision_journal WHERE scenario_id = $1)");
        command.Parameters.Add(new() { Value = scenarioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The last input logged for a scenario and its event time (zeros when none).</summary>
    public async Task<(long Input, long EventTimeUnixNs)> ReadLastInputAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT last_input_sequence, event_times_unix_ns[cardinality(event_times_unix_ns)] FROM scenario_input_blocks " +
            "WHERE scenario_id = $1 ORDER BY last_input_sequence DESC LIMIT 1");
        command.Parameters.Add(new() { Value = scenarioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    /// <summary>Inputs numbered above <paramref name="afterSequence"/> (up to <paramref name="toSequence"/>), in order.</summary>
    public async Task<IReadOnlyList<ScenarioInput>> ReadInputsAsync(string scenarioId, long afterSequence, long toSequence = long.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(InputLogBlocks.RangeSql);
        command.Parameters.Add(new() { Value = scenarioId });
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = toSequence });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var inputs = new List<ScenarioInput>();
        while (await reader.ReadAsync(cancellationToken))
        {
            foreach (var input in InputLogBlocks.Read(reader).Inputs)
            {
                if (input.InputSequence > afterSequence && input.InputSequence <= toSequence)
                {
                    inputs.Add(input);
                }
            }
        }

        return inputs;
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
    /// <remarks>With <paramref name="upToInput"/>, only decisions caused by inputs up to that one: what a replay of
    /// the inputs read so far must reproduce, even while the scenario keeps journaling.</remarks>
    public async Task<IReadOnlyList<RecordedDecision>> ReadAfterAsync(string scenarioId, long afterSequence, long upToInput = long.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision_sequence, decision, coalesce(input_sequence, 0) FROM decision_journal " +
            "WHERE scenario_id = $1 AND decision_sequence > $2 AND coalesce(input_sequence, 0) <= $3 ORDER BY decision_sequence");
        command.Parameters.Add(new() { Value = scenarioId });
        command.Parameters.Add(new() { Value = afterSequence });
        command.Parameters.Add(new() { Value = upToInput });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<RecordedDecision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = JsonSerializer.Deserialize<ScenarioDecision>(reader.GetString(1), DomainJson.Options)
                ?? throw new InvalidOperationException($"journal row {scenarioId}/{reader.GetInt64(0)} is empty");
            entries.Add(new RecordedDecision(reader.GetInt64(0), reader.GetInt64(2), decision));
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
        private readonly List<long> _inputSequences = new(capacity);

        public int Count => _sequences.Count;

        public void Add(string scenarioId, RecordedDecision entry)
        {
            var decision = entry.Decision;
            _scenarioIds.Add(scenarioId);
            _sequences.Add(entry.DecisionSequence);
            _instrumentIds.Add(decision.InstrumentId);
            _quoteSequences.Add(decision.QuoteSequence);
            _quoteTimes.Add(decision.QuoteExchangeTimeUnixNs);
            _statuses.Add(decision.StatusAfter.ToString());
            _documents.Add(JsonSerializer.Serialize(decision, DomainJson.Options));
            _inputSequences.Add(entry.InputSequence);
        }

        public NpgsqlBatchCommand ToCommand(string sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            AddArray(command, _scenarioIds, NpgsqlDbType.Text);
            AddArray(command, _sequences, NpgsqlDbType.Bigint);
            AddArray(command, _instrumentIds, NpgsqlDbType.Text);
            AddArray(command, _quoteSequences, NpgsqlDbType.Bigint);
            AddArray(command, _quoteTimes, NpgsqlDbType.Bigint);
            AddArray(command, _statuses, NpgsqlDbType.Text);
            AddArray(command, _documents, NpgsqlDbType.Jsonb);
            AddArray(command, _inputSequences, NpgsqlDbType.Bigint);
            return command;
        }
    }

    /// <summary>Rows of an append that met different rows at their sequences, by scenario.</summary>
    private sealed class Diverged
    {
        public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

        public Dictionary<string, string> ByScenario { get; } = new(StringComparer.Ordinal);

        public async Task FindAsync(NpgsqlConnection connection, NpgsqlBatchCommand query, string what, CancellationToken cancellationToken)
        {
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { query } };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var scenarioId = reader.GetString(0);
                Add(scenarioId, $"{what} {reader.GetInt64(1)} of scenario '{scenarioId}' is already journaled with different content");
            }
        }

        public void Add(string scenarioId, string why) => ByScenario.TryAdd(scenarioId, why);
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
