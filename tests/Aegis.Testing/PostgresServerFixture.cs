using Aegis.Persistence.Embedded;
using Aegis.Persistence.Migrations;
using Npgsql;
using Xunit;

namespace Aegis.Testing;

/// <summary>A real PostgreSQL server for one test assembly: provisioned from the machine's binaries
/// into a temporary folder on a free loopback port, removed afterwards. Tests get a fresh database
/// each, so they never see each other's rows.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private readonly LocalPostgres _server = new(new LocalPostgresOptions(
        Path.Combine(Path.GetTempPath(), $"aegis-test-pg-{Environment.ProcessId}-{Random.Shared.Next():x}"),
        LocalPostgres.FindFreePort()));

    private int _databases;

    public string ServerConnectionString { get; private set; } = string.Empty;

    public LocalPostgres Server => _server;

    public async ValueTask InitializeAsync() => ServerConnectionString = await _server.EnsureStartedAsync();

    public async ValueTask DisposeAsync() => await _server.DestroyAsync();

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with every AEGIS migration applied.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var connectionString = await CreateDatabaseAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return connectionString;
    }
}
