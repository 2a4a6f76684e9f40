using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Persistence;
using Aegis.Persistence.Embedded;
using Aegis.Persistence.Migrations;
using Npgsql;

namespace Aegis.Client.Commands;

/// <summary><c>aegis db migrate|status</c>.</summary>
public static class DbCommands
{
    public static Command Create(GlobalOptions global)
    {
        var migrate = new Command("migrate", "Apply the schema migrations (idempotent; with no database configured, provisions the embedded default)") { global.Json };
        migrate.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var settings = global.Settings(parse);
            var connectionString = await ResolveForMigrationAsync(settings, cancellationToken);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var result = await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(new { applied = result.Applied.Select(m => m.Name), version = result.CurrentVersion });
            }
            else
            {
                foreach (var migration in result.Applied)
                {
                    Console.Out.WriteLine($"applied {migration.Name}");
                }

                Console.Out.WriteLine(result.Applied.Count == 0
                    ? $"database is up to date (schema version {result.CurrentVersion})"
                    : $"database migrated to schema version {result.CurrentVersion}");
            }

            return 0;
        }));

        var status = new Command("status", "Show the schema version of the database") { global.Json };
        status.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var connectionString = global.Settings(parse).FindDatabase();
            await EnsureReachableAsync(connectionString, cancellationToken);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var version = await new SchemaMigrator(dataSource).GetCurrentVersionAsync(cancellationToken);
            var latest = MigrationCatalog.LatestVersion;
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(new { version, latest, upToDate = version >= latest });
            }
            else
            {
                Console.Out.WriteLine($"schema version {version} of {latest}{(version >= latest ? " (up to date)" : ": run 'aegis db migrate'")}");
            }

            return 0;
        }));

        return new Command("db", "Database schema") { migrate, status };
    }

    private static async Task<string> ResolveForMigrationAsync(ConsoleSettings settings, CancellationToken cancellationToken)
    {
        if (DatabaseLocator.Configured(settings.Configuration) is null)
        {
            try
            {
                return await DatabaseLocator.Embedded(settings.Home).EnsureStartedAsync(cancellationToken);
            }
            catch (LocalPostgresException ex)
            {
                throw new CliException(ex.Message, 2);
            }
        }

        var connectionString = settings.FindDatabase();
        await EnsureReachableAsync(connectionString, cancellationToken);
        return connectionString;
    }

    private static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await DatabaseEndpoint.EnsureReachableAsync(connectionString, TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (DatabaseUnavailableException ex)
        {
            throw new CliException(ex.Message, 2);
        }
    }
}
