using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Raises alerts for a human (table <c>alerts</c>): any lane writes the row, the operations lane delivers it.
/// The row is the contract between them.
/// </summary>
public sealed class AlertLog(NpgsqlDataSource dataSource)
{
    public const string Warning = "warning";
    public const string Critical = "critical";

    public async Task RaiseAsync(string lane, string source, string subject, string severity, string message, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await RaiseAsync(connection, lane, source, subject, severity, message, cancellationToken);
    }

    /// <summary>Raises the alert on <paramref name="connection"/>, inside whatever transaction it has open.</summary>
    public static async Task RaiseAsync(NpgsqlConnection connection, string lane, string source, string subject, string severity, string message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (severity is not (Warning or Critical))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "an alert is a warning or critical");
        }

        await using var command = new NpgsqlCommand(
            "INSERT INTO alerts (lane, source, subject, severity, message) VALUES ($1, $2, $3, $4, $5)", connection);
        foreach (var value in new[] { lane, source, subject, severity, message })
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
