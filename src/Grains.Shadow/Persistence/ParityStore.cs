using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Npgsql;

namespace Aegis.Grains.Shadow.Persistence;

/// <summary>
/// The parity reports (<c>shadow_parity</c>, one row per scenario) and every divergence (<c>shadow_divergences</c>).
/// The report row is the parity grain's whole state: it is saved with the divergences it counts and their alert,
/// in one transaction, so the report never claims a comparison whose divergences are not stored.
/// </summary>
public sealed class ParityStore(NpgsqlDataSource dataSource)
{
    private const string ReportColumns =
        "p.scenario_id, p.live_build, p.shadow_build, p.compared, p.matched, p.divergences, p.through_input, p.last_compared, p.updated_at, " +
        "d.decision_sequence, d.input_sequence, d.live, d.shadow, d.live_build, d.shadow_build, d.detected_at";

    private const string FromReports =
        "FROM shadow_parity p LEFT JOIN shadow_divergences d ON d.scenario_id = p.scenario_id AND d.decision_sequence = p.first_divergence ";

    /// <summary>A scenario's report and the last decision it compared; null when nothing was compared yet.</summary>
    public async Task<(ParityReport Report, long LastCompared)?> ReadAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT " + ReportColumns + " " + FromReports + "WHERE p.scenario_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (ReadReport(reader), reader.GetInt64(7)) : null;
    }

    /// <summary>Every scenario's report, by scenario.</summary>
    public async Task<IReadOnlyList<ParityReport>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT " + ReportColumns + " " + FromReports + "ORDER BY p.scenario_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reports = new List<ParityReport>();
        while (await reader.ReadAsync(cancellationToken))
        {
            reports.Add(ReadReport(reader));
        }

        return reports;
    }

    /// <summary>A scenario's divergences in decision order, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ParityDivergence>> ReadDivergencesAsync(string scenarioId, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision_sequence, input_sequence, live, shadow, live_build, shadow_build, detected_at FROM shadow_divergences " +
            "WHERE scenario_id = $1 ORDER BY decision_sequence LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scenarioId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var divergences = new List<ParityDivergence>();
        while (await reader.ReadAsync(cancellationToken))
        {
            divergences.Add(ReadDivergence(reader, 0));
        }

        return divergences;
    }

    /// <summary>Saves the report, the divergences it found since the last save, and (if any) <paramref name="alert"/>, together.</summary>
    public async Task SaveAsync(ParityReport report, long lastCompared, IReadOnlyList<ParityDivergence> found, string? alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(found);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (found.Count > 0)
        {
            await using var divergences = new NpgsqlCommand(
                "INSERT INTO shadow_divergences (scenario_id, decision_sequence, input_sequence, live, shadow, live_build, shadow_build, detected_at) " +
                "SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) ON CONFLICT DO NOTHING",
                connection, transaction);
            divergences.Parameters.Add(new NpgsqlParameter<string> { TypedValue = report.ScenarioId });
            divergences.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. found.Select(d => d.DecisionSequence)] });
            divergences.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. found.Select(d => d.InputSequence)] });
            divergences.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. found.Select(d => d.Live)] });
            divergences.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. found.Select(d => d.Shadow)] });
            divergences.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. found.Select(d => d.LiveBuild)] });
            divergences.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. found.Select(d => d.ShadowBuild)] });
            divergences.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. found.Select(d => d.DetectedUtc)] });
            await divergences.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var upsert = new NpgsqlCommand(
            "INSERT INTO shadow_parity (scenario_id, live_build, shadow_build, compared, matched, divergences, through_input, last_compared, first_divergence, " +
            "first_divergence_input, first_live, first_shadow, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) " +
            "ON CONFLICT (scenario_id) DO UPDATE SET live_build = EXCLUDED.live_build, shadow_build = EXCLUDED.shadow_build, compared = EXCLUDED.compared, " +
            "matched = EXCLUDED.matched, divergences = EXCLUDED.divergences, through_input = EXCLUDED.through_input, last_compared = EXCLUDED.last_compared, " +
            "first_divergence = EXCLUDED.first_divergence, first_divergence_input = EXCLUDED.first_divergence_input, first_live = EXCLUDED.first_live, " +
            "first_shadow = EXCLUDED.first_shadow, updated_at = EXCLUDED.updated_at",
            connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = report.ScenarioId });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = report.LiveBuild });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = report.ShadowBuild });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = report.Compared });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = report.Matched });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = report.Divergences });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = report.ThroughInput });
            upsert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lastCompared });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)report.First?.DecisionSequence ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)report.First?.InputSequence ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)report.First?.Live ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)report.First?.Shadow ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            upsert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = report.UpdatedUtc });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (alert is not null)
        {
            await AlertLog.RaiseAsync(connection, "shadow", "parity", report.ScenarioId, AlertLog.Critical, alert, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static ParityReport ReadReport(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
        reader.IsDBNull(9) ? null : ReadDivergence(reader, 9), DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc));

    private static ParityDivergence ReadDivergence(NpgsqlDataReader reader, int at) => new(
        reader.GetInt64(at), reader.GetInt64(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4), reader.GetString(at + 5),
        DateTime.SpecifyKind(reader.GetDateTime(at + 6), DateTimeKind.Utc));
}
