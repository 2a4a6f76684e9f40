using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Npgsql;

namespace Aegis.Grains.Shadow.Validation;

/// <summary>Verdicts of a validator run (<c>validator_verdicts</c>), saved together with the alerts they raise.</summary>
public sealed class VerdictStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(Guid runId, string build, IReadOnlyList<ValidationVerdict> verdicts, IReadOnlyList<ValidationVerdict> alerting,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(alerting);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO validator_verdicts (run_id, checked_at, rule, passed, checked, failures, detail, build) " +
            "SELECT $1, * , $8 FROM unnest($2::timestamptz[], $3::text[], $4::boolean[], $5::bigint[], $6::bigint[], $7::text[])", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. verdicts.Select(v => v.CheckedUtc)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. verdicts.Select(v => v.Rule)] });
            insert.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. verdicts.Select(v => v.Passed)] });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. verdicts.Select(v => v.Checked)] });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. verdicts.Select(v => v.Failures)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. verdicts.Select(v => v.Detail)] });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = build });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var verdict in alerting)
        {
            await AlertLog.RaiseAsync(connection, "shadow", "validator", verdict.Rule, AlertLog.Critical, $"validator rule {verdict.Rule} failed: {verdict.Detail}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
