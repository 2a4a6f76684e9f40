using Npgsql;

namespace Aegis.Persistence;

/// <summary>Checks that a connection string is well formed and that its server answers, turning every
/// failure into one operator-readable line.</summary>
public static class DatabaseEndpoint
{
    /// <summary>Parses the connection string; a malformed one gives a <see cref="DatabaseUnavailableException"/>
    /// naming <paramref name="settingName"/>.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString, string settingName)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new DatabaseUnavailableException($"setting {settingName} has no Host");
            }

            return builder;
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseUnavailableException($"setting {settingName} is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>A short description for messages, never including the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) => $"{builder.Host}:{builder.Port}/{builder.Database}";

    /// <summary>Opens one connection within <paramref name="timeout"/> or throws a one-line error.</summary>
    public static async Task EnsureReachableAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = Math.Max(1, (int)timeout.TotalSeconds), Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var reason = ex is PostgresException pg ? pg.MessageText : ex.InnerException?.Message ?? ex.Message;
            throw new DatabaseUnavailableException($"database {Describe(builder)} is unreachable: {reason}", ex);
        }
    }
}
