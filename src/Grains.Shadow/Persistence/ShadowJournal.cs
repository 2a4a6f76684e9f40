using System.Text.Json;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Grains.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Shadow.Persistence;

/// <summary>
/// The shadow decision journal (table <c>shadow_decision_journal</c>): the twins' decisions, numbered as the live
/// journal numbers its own. Appends are idempotent, so a twin that replays inputs again after a restart writes
/// nothing twice; a different decision at a stored sequence means the twin is not deterministic, and is reported.
/// </summary>
public sealed class ShadowJournal(NpgsqlDataSource dataSource)
{
    private const string Columns = "$1::bigint[], $2::bigint[], $3::jsonb[]";

    /// <summary>Appends a twin's decisions; returns the sequences at which a different decision was stored already.</summary>
    public async Task<IReadOnlyList<long>> AppendAsync(string scenarioId, string build, IReadOnlyList<RecordedDecision> decisions, CancellationToken cancellationToken = default)
    {
        if (decisions.Count == 0)
        {
            return [];
        }

        var sequences = new long[decisions.Count];
        var inputs = new long[decisions.Count];
        var documents = new string[decisions.Count];
        for (var i = 0; i < decisions.Count; i++)
        {
            sequences[i] = decisions[i].DecisionSequence;
            inputs[i] = decisions[i].InputSequence;
            documents[i] = JsonSerializer.Serialize(decisions[i].Decision, DomainJson.Options);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO shadow_decision_journal (scenario_id, decision_sequence, input_sequence, decision, build) " +
            "SELECT $4, s, i, d, $5 FROM unnest(" + Columns + ") AS t(s, i, d) ON CONFLICT DO NOTHING", connection);
        AddColumns(insert, sequences, inputs, documents);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = build });
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == decisions.Count)
        {
            return [];
        }

        // Some were stored already: a replay after a restart (identical), or a twin that decides differently now.
        await using var diverged = new NpgsqlCommand(
            "SELECT t.s FROM unnest(" + Columns + ") AS t(s, i, d) JOIN shadow_decision_journal j ON j.scenario_id = $4 AND j.decision_sequence = t.s " +
            "WHERE j.decision <> t.d OR j.input_sequence <> t.i ORDER BY t.s", connection);
        AddColumns(diverged, sequences, inputs, documents);
        diverged.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        await using var reader = await diverged.ExecuteReaderAsync(cancellationToken);
        var conflicts = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            conflicts.Add(reader.GetInt64(0));
        }

        return conflicts;
    }

    /// <summary>Decisions numbered above <paramref name="afterSequence"/> caused by inputs up to <paramref name="upToInput"/>, in order.</summary>
    public async Task<IReadOnlyList<RecordedDecision>> ReadAfterAsync(string scenarioId, long afterSequence, long upToInput, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision_sequence, input_sequence, decision FROM shadow_decision_journal " +
            "WHERE scenario_id = $1 AND decision_sequence > $2 AND input_sequence <= $3 ORDER BY decision_sequence");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upToInput });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var decisions = new List<RecordedDecision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var decision = JsonSerializer.Deserialize<ScenarioDecision>(reader.GetString(2), DomainJson.Options)
                ?? throw new InvalidOperationException($"shadow journal row {scenarioId}/{reader.GetInt64(0)} is empty");
            decisions.Add(new RecordedDecision(reader.GetInt64(0), reader.GetInt64(1), decision));
        }

        return decisions;
    }

    private static void AddColumns(NpgsqlCommand command, long[] sequences, long[] inputs, string[] documents)
    {
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = inputs });
        command.Parameters.Add(new NpgsqlParameter { Value = documents, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
    }
}
