using Aegis.Persistence.Embedded;
using Aegis.Persistence.Migrations;
using Npgsql;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>A PostgreSQL server of the benchmark's own: provisioned in a temp folder on a free port,
/// migrated to the current schema, destroyed on dispose.</summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly LocalPostgres _server;

    private ThrowawayDatabase(LocalPostgres server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aegis-bench-pg-{Environment.ProcessId}-{Random.Shared.Next():x}");
        var server = new LocalPostgres(new LocalPostgresOptions(folder, LocalPostgres.FindFreePort()));
        try
        {
            var connectionString = await server.EnsureStartedAsync();
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var migrated = await new SchemaMigrator(dataSource).MigrateAsync();
            BenchReport.Line($"PostgreSQL in {folder}, schema version {migrated.CurrentVersion}");
            return new ThrowawayDatabase(server, connectionString);
        }
        catch
        {
            await server.DestroyAsync();
            throw;
        }
    }

    /// <summary>Bytes of write-ahead log generated since the server was created.</summary>
    public async Task<long> WalBytesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The shadow role's connection string to the same database.</summary>
    public Task<string> ShadowConnectionStringAsync() =>
        _server.ShadowConnectionStringAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database);

    public async ValueTask DisposeAsync() => await _server.DestroyAsync();
}
