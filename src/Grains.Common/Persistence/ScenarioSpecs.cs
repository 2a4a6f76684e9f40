using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Every live scenario's spec as it was created (table <c>scenario_specs</c>): the contract from which the
/// shadow lane builds its twin of each scenario, since it cannot read the live lane's grain state.
/// </summary>
public sealed class ScenarioSpecs(NpgsqlDataSource dataSource)
{
    /// <summary>Records the spec a scenario is being created from (a retried creation replaces its own row).</summary>
    public async Task RecordAsync(string scenarioId, string specText, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO scenario_specs (scenario_id, spec_text) VALUES ($1, $2) ON CONFLICT (scenario_id) DO UPDATE SET spec_text = EXCLUDED.spec_text");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = specText });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records the spec of a scenario that already exists, unless it is recorded (scenarios created before the table).</summary>
    public async Task EnsureRecordedAsync(string scenarioId, string specText, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO scenario_specs (scenario_id, spec_text) VALUES ($1, $2) ON CONFLICT (scenario_id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = specText });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The ids of every recorded scenario, in order.</summary>
    public async Task<IReadOnlyList<string>> ReadIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT scenario_id FROM scenario_specs ORDER BY scenario_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>A scenario's spec, or null if none is recorded.</summary>
    public async Task<string?> ReadAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT spec_text FROM scenario_specs WHERE scenario_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
