using Aegis.Persistence.Migrations;
using Aegis.Testing;
using Npgsql;

namespace Aegis.Persistence.Tests;

[Trait("Category", "Cluster")]
public sealed class MigrationTests(PostgresServerFixture postgres)
{
    private static readonly string[] RequiredQueryKeys =
    [
        // clustering
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        // persistence
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        // reminders
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("migrate"));
        var migrator = new SchemaMigrator(dataSource);

        var first = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MigrationCatalog.Embedded.Select(m => m.Name), first.Applied.Select(m => m.Name));
        Assert.Empty(second.Applied);
        Assert.Equal(MigrationCatalog.LatestVersion, second.CurrentVersion);
        Assert.Equal(MigrationCatalog.Embedded.Count, await CountAsync(dataSource, "SELECT count(*) FROM aegis_schema_migrations"));
    }

    [Fact]
    public async Task Every_query_key_the_three_providers_read_is_present()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("keys"));
        var keys = new HashSet<string>();
        await using (var command = dataSource.CreateCommand("SELECT querykey FROM orleansquery"))
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.All(RequiredQueryKeys, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task A_failing_migration_leaves_the_database_as_it_was()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("broken"));
        var good = new Migration(1, "0001_good", "CREATE TABLE good_table (id int);");
        var broken = new Migration(2, "0002_broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");

        var error = await Assert.ThrowsAsync<MigrationException>(() => new SchemaMigrator(dataSource, [good, broken]).MigrateAsync());

        Assert.Contains("0002_broken", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'good_table'"));
        Assert.Equal(0, await CountAsync(dataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
        Assert.Equal(1, await CountAsync(dataSource, "SELECT max(version) FROM aegis_schema_migrations"));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("edited"));
        await new SchemaMigrator(dataSource, [new Migration(1, "0001_a", "CREATE TABLE a (id int);")]).MigrateAsync();

        var error = await Assert.ThrowsAsync<MigrationException>(() =>
            new SchemaMigrator(dataSource, [new Migration(1, "0001_a", "CREATE TABLE a (id bigint);")]).MigrateAsync());

        Assert.Contains("changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_migration_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("concurrent");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SchemaMigrator(dataSource).MigrateAsync()));

        Assert.Equal(MigrationCatalog.Embedded.Count, results.Sum(r => r.Applied.Count));
    }

    [Fact]
    public async Task An_input_log_of_one_row_per_input_moves_into_blocks_and_reads_the_same_through_the_view()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("input_blocks"));
        var cancellation = TestContext.Current.CancellationToken;
        await new SchemaMigrator(dataSource, [.. MigrationCatalog.Embedded.Where(m => m.Version <= 14)]).MigrateAsync(cancellation);
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO scenario_inputs (scenario_id, input_sequence, kind, event_time_unix_ns, source, instrument_id, first_sequence, last_sequence, quote_count, command, reason, merged_with) " +
            "SELECT 's' || (i % 2), (i + 1) / 2, CASE WHEN i = 1 THEN 2 ELSE 0 END, 1000 + i, 'replay', 'SPY', i, i, 1, CASE WHEN i = 1 THEN 'create' END, NULL, NULL " +
            "FROM generate_series(1, 2500) AS i"))
        {
            await insert.ExecuteNonQueryAsync(cancellation);
        }

        const string Digest = "SELECT md5(string_agg(concat_ws('|', scenario_id, input_sequence, kind, event_time_unix_ns, source, instrument_id, " +
                              "first_sequence, last_sequence, quote_count, command, reason, merged_with), ',' ORDER BY scenario_id, input_sequence)) FROM scenario_inputs";
        string before;
        await using (var digest = dataSource.CreateCommand(Digest))
        {
            before = (string)(await digest.ExecuteScalarAsync(cancellation))!;
        }

        await new SchemaMigrator(dataSource).MigrateAsync(cancellation);

        await using (var digest = dataSource.CreateCommand(Digest))
        {
            Assert.Equal(before, (string)(await digest.ExecuteScalarAsync(cancellation))!);
        }

        Assert.Equal(4, await CountAsync(dataSource, "SELECT count(*) FROM scenario_input_blocks"));
        Assert.Equal(1250, await CountAsync(dataSource, "SELECT max(last_input_sequence) FROM scenario_input_blocks WHERE scenario_id = 's1'"));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
