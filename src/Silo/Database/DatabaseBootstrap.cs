using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Persistence;
using Aegis.Persistence.Embedded;
using Aegis.Persistence.Migrations;
using Aegis.Silo.Configuration;
using Npgsql;

namespace Aegis.Silo.Database;

/// <summary>Gets the silo a database it can use before Orleans starts: the configured server (checked
/// reachable and at the schema version this build needs) or the embedded default (provisioned,
/// started and migrated on the spot).</summary>
public static class DatabaseBootstrap
{
    public static async Task<string> PrepareAsync(IConfiguration configuration, SiloHostOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (DatabaseLocator.Configured(configuration) is { } configured)
            {
                var endpoint = DatabaseEndpoint.Parse(configured, DatabaseLocator.SettingName);
                await DatabaseEndpoint.EnsureReachableAsync(configured, TimeSpan.FromSeconds(10), cancellationToken);
                if (options.Lane == Lane.Shadow)
                {
                    await ShadowRole.EnsureConnectedAsAsync(configured, cancellationToken);
                }

                await using var dataSource = NpgsqlDataSource.Create(configured);
                var version = await new SchemaMigrator(dataSource).GetCurrentVersionAsync(cancellationToken);
                if (version < MigrationCatalog.LatestVersion)
                {
                    throw new StartupException(
                        $"database {DatabaseEndpoint.Describe(endpoint)} is at schema version {version}, this build needs {MigrationCatalog.LatestVersion}: run 'aegis db migrate'");
                }

                Log.UsingDatabase(logger, DatabaseEndpoint.Describe(endpoint), version);
                return configured;
            }

            var embedded = DatabaseLocator.Embedded(options.Home);
            var connectionString = await embedded.EnsureStartedAsync(cancellationToken);
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                var result = await new SchemaMigrator(dataSource).MigrateAsync(cancellationToken);
                Log.UsingEmbedded(logger, embedded.Options.RootDirectory, result.CurrentVersion, result.Applied.Count);
            }

            // The shadow lane connects with its own role even here: its isolation is the database's to enforce.
            return options.Lane == Lane.Shadow ? await embedded.ShadowConnectionStringAsync(cancellationToken: cancellationToken) : connectionString;
        }
        catch (Exception ex) when (ex is DatabaseUnavailableException or LocalPostgresException or MigrationException)
        {
            throw new StartupException(ex.Message, ex);
        }
        catch (NpgsqlException ex)
        {
            throw new StartupException($"database error while preparing the silo: {(ex as PostgresException)?.MessageText ?? ex.Message}", ex);
        }
    }
}
