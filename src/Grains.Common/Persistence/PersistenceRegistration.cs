using Aegis.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aegis.Grains.Persistence;

/// <summary>PostgreSQL for the grains of every lane.</summary>
public static class PersistenceRegistration
{
    /// <summary>Grain state and reminders in PostgreSQL, state serialised with System.Text.Json, and the
    /// application's own data source (journal, tape, queries).</summary>
    public static ISiloBuilder AddAegisPersistence(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionPools.Application(connectionString)));
        silo.AddAdoNetGrainStorage(StorageNames.Postgres, o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = ConnectionPools.GrainState(connectionString);
        });
        // Chosen before any data exists: changing the storage serializer later is a data migration.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = ConnectionPools.Reminders(connectionString);
        });
        return silo;
    }
}
