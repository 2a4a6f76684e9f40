using System.Security.Cryptography;
using Npgsql;

namespace Aegis.Persistence;

/// <summary>
/// The PostgreSQL role of the shadow lane (created by the migrations): it reads the live lane's durable
/// contracts and writes only the shadow's own tables and Orleans rows.
/// </summary>
public static class ShadowRole
{
    public const string Name = "aegis_shadow";

    /// <summary>A new password for the role: hex only, so it can stand in an <c>ALTER ROLE</c> literal.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Gives the role <paramref name="password"/> (connecting as the administrator of
    /// <paramref name="adminConnectionString"/>) and returns the same database's connection string as the role.</summary>
    public static async Task<string> EnableLoginAsync(string adminConnectionString, string password, CancellationToken cancellationToken = default)
    {
        if (password.Length == 0 || !password.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("the shadow role's password must be hex digits", nameof(password));
        }

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var alter = new NpgsqlCommand($"ALTER ROLE {Name} WITH LOGIN PASSWORD '{password}'", connection);
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Username = Name, Password = password }.ConnectionString;
    }

    /// <summary>Refuses a shadow connection that is not the shadow role: the lane's isolation rests on it.</summary>
    public static async Task EnsureConnectedAsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT current_user = '{Name}' OR pg_has_role(current_user, '{Name}', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)", connection);
        if (await command.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new DatabaseUnavailableException($"the shadow lane must connect as the '{Name}' role (or a member of it that is not a superuser), not as '{connection.UserName}'");
        }
    }
}
