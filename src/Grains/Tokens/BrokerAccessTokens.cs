using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Tokens;

/// <summary>The read-only contract of broker access tokens (table <c>broker_access_tokens</c>): the keeper publishes
/// each new access token sealed; lanes that may not touch the keeper read it there.</summary>
public sealed class BrokerAccessTokens(NpgsqlDataSource dataSource)
{
    public async Task PublishAsync(string accountKey, byte[] sealedAccessToken, DateTimeOffset expiresUtc, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO broker_access_tokens (account_key, sealed_access_token, expires_utc, updated_utc) VALUES ($1, $2, $3, now()) " +
            "ON CONFLICT (account_key) DO UPDATE SET sealed_access_token = EXCLUDED.sealed_access_token, expires_utc = EXCLUDED.expires_utc, updated_utc = now()");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accountKey });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = sealedAccessToken });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = expiresUtc.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The sealed access token of an account and when it expires; null when none was published.</summary>
    public async Task<(byte[] Sealed, DateTimeOffset ExpiresUtc)?> ReadAsync(string accountKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT sealed_access_token, expires_utc FROM broker_access_tokens WHERE account_key = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accountKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetFieldValue<byte[]>(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero))
            : null;
    }
}
