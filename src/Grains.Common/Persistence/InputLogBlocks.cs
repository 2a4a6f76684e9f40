using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Scenario inputs in the layout of <c>scenario_input_blocks</c>: one block per scenario and append, its inputs as
/// parallel arrays. Blocks are sent as flat arrays plus each block's place in them, so one statement inserts any
/// number of blocks; the server slices the arrays per block.
/// </summary>
internal sealed class InputLogBlocks
{
    private const string Columns =
        "scenario_id, first_input_sequence, last_input_sequence, kinds, event_times_unix_ns, sources, instrument_ids, " +
        "first_sequences, last_sequences, quote_counts, commands, reasons, merged_with";

    private const string InsertSql =
        "INSERT INTO scenario_input_blocks (" + Columns + ") " +
        "SELECT b.s, b.f, b.l, ($5::smallint[])[b.o:b.e], ($6::bigint[])[b.o:b.e], ($7::text[])[b.o:b.e], ($8::text[])[b.o:b.e], " +
        "($9::bigint[])[b.o:b.e], ($10::bigint[])[b.o:b.e], ($11::integer[])[b.o:b.e], ($12::text[])[b.o:b.e], " +
        "($13::text[])[b.o:b.e], ($14::bigint[])[b.o:b.e] " +
        "FROM (SELECT s, f, l, o, o + (l - f)::integer AS e FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::integer[]) AS t(s, f, l, o)) b " +
        // The first stored block ending at or after this one's start overlaps it if it starts before this one ends. A
        // scalar subquery with LIMIT is one index probe per block; NOT EXISTS let the planner hash-join the whole table.
        "WHERE coalesce((SELECT x.first_input_sequence FROM scenario_input_blocks x WHERE x.scenario_id = b.s AND x.last_input_sequence >= b.f " +
        "ORDER BY x.last_input_sequence LIMIT 1), b.l + 1) > b.l " +
        "ON CONFLICT DO NOTHING RETURNING scenario_id, first_input_sequence";

    /// <summary>Stored blocks that share inputs with the given ranges, in log order per scenario.</summary>
    public const string OverlappingSql =
        "SELECT " + Columns + " FROM scenario_input_blocks b " +
        "JOIN unnest($1::text[], $2::bigint[], $3::bigint[]) AS t(s, f, l) " +
        "ON b.scenario_id = t.s AND b.last_input_sequence >= t.f AND b.first_input_sequence <= t.l " +
        "ORDER BY b.scenario_id, b.first_input_sequence";

    /// <summary>The blocks holding inputs after <c>$2</c> up to <c>$3</c> of scenario <c>$1</c>, in order.</summary>
    public const string RangeSql =
        "SELECT " + Columns + " FROM scenario_input_blocks " +
        "WHERE scenario_id = $1 AND last_input_sequence > $2 AND first_input_sequence <= $3 ORDER BY last_input_sequence";

    private readonly List<Block> _blocks = [];
    private readonly List<short> _kinds = [];
    private readonly List<long> _times = [];
    private readonly List<string> _sources = [];
    private readonly List<string> _instrumentIds = [];
    private readonly List<long> _firsts = [];
    private readonly List<long> _lasts = [];
    private readonly List<int> _counts = [];
    private readonly List<string?> _commands = [];
    private readonly List<string?> _reasons = [];
    private readonly List<long?> _mergedWith = [];

    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Adds one block: <paramref name="inputs"/> must be numbered without gaps, in order.</summary>
    public void Add(string scenarioId, IReadOnlyList<ScenarioInput> inputs)
    {
        if (inputs.Count == 0)
        {
            return;
        }

        var first = inputs[0].InputSequence;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.InputSequence != first + i)
            {
                throw new ArgumentException(
                    $"scenario '{scenarioId}': inputs {first}..{inputs[^1].InputSequence} are not numbered without gaps (input {first + i} is {input.InputSequence})",
                    nameof(inputs));
            }

            _kinds.Add((short)input.Kind);
            _times.Add(input.EventTimeUnixNs);
            _sources.Add(input.Source);
            _instrumentIds.Add(input.InstrumentId);
            _firsts.Add(input.FirstSequence);
            _lasts.Add(input.LastSequence);
            _counts.Add(input.QuoteCount);
            _commands.Add(input.Command?.ToString().ToLowerInvariant());
            _reasons.Add(input.Reason);
            _mergedWith.Add(input.MergedWith == 0 ? null : input.MergedWith);
        }

        _blocks.Add(new Block(scenarioId, first, inputs[^1].InputSequence, inputs));
    }

    /// <summary>The insert of every block; it returns (scenario, first input) of the blocks it wrote. A block
    /// that shares an input with a stored one is skipped for <see cref="InputLogReconciliation"/> to look at: the
    /// overlap check catches what the keys cannot (a block that starts inside another), the keys catch two
    /// writers that commit at the same moment.</summary>
    public NpgsqlBatchCommand ToInsert()
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        var offset = 1;
        var starts = new List<int>(_blocks.Count);
        foreach (var block in _blocks)
        {
            starts.Add(offset);
            offset += block.Inputs.Count;
        }

        AddArray(command, _blocks.ConvertAll(b => b.ScenarioId), NpgsqlDbType.Text);
        AddArray(command, _blocks.ConvertAll(b => b.First), NpgsqlDbType.Bigint);
        AddArray(command, _blocks.ConvertAll(b => b.Last), NpgsqlDbType.Bigint);
        AddArray(command, starts, NpgsqlDbType.Integer);
        AddArray(command, _kinds, NpgsqlDbType.Smallint);
        AddArray(command, _times, NpgsqlDbType.Bigint);
        AddArray(command, _sources, NpgsqlDbType.Text);
        AddArray(command, _instrumentIds, NpgsqlDbType.Text);
        AddArray(command, _firsts, NpgsqlDbType.Bigint);
        AddArray(command, _lasts, NpgsqlDbType.Bigint);
        AddArray(command, _counts, NpgsqlDbType.Integer);
        AddArray(command, _commands, NpgsqlDbType.Text);
        AddArray(command, _reasons, NpgsqlDbType.Text);
        AddArray(command, _mergedWith, NpgsqlDbType.Bigint);
        return command;
    }

    /// <summary>The query for the stored blocks overlapping <paramref name="blocks"/>.</summary>
    public static NpgsqlBatchCommand Overlapping(IReadOnlyList<Block> blocks)
    {
        var command = new NpgsqlBatchCommand(OverlappingSql);
        AddArray(command, blocks.Select(b => b.ScenarioId).ToList(), NpgsqlDbType.Text);
        AddArray(command, blocks.Select(b => b.First).ToList(), NpgsqlDbType.Bigint);
        AddArray(command, blocks.Select(b => b.Last).ToList(), NpgsqlDbType.Bigint);
        return command;
    }

    /// <summary>Reads one row of <see cref="Columns"/> (from ordinal 0) as its scenario id and inputs.</summary>
    public static (string ScenarioId, ScenarioInput[] Inputs) Read(NpgsqlDataReader reader)
    {
        var scenarioId = reader.GetString(0);
        var first = reader.GetInt64(1);
        var kinds = reader.GetFieldValue<short[]>(3);
        var times = reader.GetFieldValue<long[]>(4);
        var sources = reader.GetFieldValue<string[]>(5);
        var instrumentIds = reader.GetFieldValue<string[]>(6);
        var firsts = reader.GetFieldValue<long[]>(7);
        var lasts = reader.GetFieldValue<long[]>(8);
        var counts = reader.GetFieldValue<int[]>(9);
        var commands = reader.GetFieldValue<string?[]>(10);
        var reasons = reader.GetFieldValue<string?[]>(11);
        var mergedWith = reader.GetFieldValue<long?[]>(12);
        var inputs = new ScenarioInput[kinds.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = new ScenarioInput(first + i, (InputKind)kinds[i], times[i], sources[i], instrumentIds[i], firsts[i], lasts[i], counts[i],
                commands[i] is { } name ? Enum.Parse<ScenarioCommand>(name, ignoreCase: true) : null, reasons[i], mergedWith[i] ?? 0);
        }

        return (scenarioId, inputs);
    }

    private static void AddArray<T>(NpgsqlBatchCommand command, List<T> values, NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter<List<T>>() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType });

    /// <summary>One scenario's inputs <paramref name="First"/>..<paramref name="Last"/> of an append.</summary>
    public sealed record Block(string ScenarioId, long First, long Last, IReadOnlyList<ScenarioInput> Inputs);
}
