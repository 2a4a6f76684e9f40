using Aegis.Grains;
using Aegis.Grains.Persistence;
using Aegis.Persistence.Tests.Grains;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Aegis.Persistence.Tests;

/// <summary>Grain state and reminders through the real Orleans ADO.NET providers on our migrations.</summary>
[Trait("Category", "Cluster")]
public sealed class GrainStorageTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task State_survives_deactivation_and_a_full_cluster_restart()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("restart");
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");

        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            var counter = cluster.Client.GetGrain<ICounterGrain>("scenario-a");
            await counter.Increment();
            await counter.Increment();
            await counter.Deactivate();
            await cluster.WaitForDeactivationAsync(counter);
            Assert.Equal(2, await counter.Get());
            await counter.Increment();
        }

        await using (var restarted = await StartClusterAsync(connectionString, serviceId))
        {
            Assert.Equal(3, await restarted.Client.GetGrain<ICounterGrain>("scenario-a").Get());
        }
    }

    [Fact]
    public async Task Two_grain_types_with_the_same_key_keep_separate_state()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("types");
        await using var cluster = await StartClusterAsync(connectionString, "types-" + Guid.NewGuid().ToString("N"));

        await cluster.Client.GetGrain<ICounterGrain>("same-key").Increment();
        await cluster.Client.GetGrain<ITallyGrain>("same-key").Add(40);

        Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>("same-key").Get());
        Assert.Equal(40, await cluster.Client.GetGrain<ITallyGrain>("same-key").Get());
        Assert.Equal(2, await CountRowsAsync(connectionString));
    }

    [Fact]
    public async Task A_stale_write_is_rejected_with_an_etag_conflict_not_a_silent_overwrite()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("etag");
        await using var cluster = await StartClusterAsync(connectionString, "etag-" + Guid.NewGuid().ToString("N"));
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Postgres);
        var grainId = GrainId.Create("counter", "contended");

        var first = new GrainState<CounterState>(new CounterState());
        var second = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("test-counter", grainId, first);
        await storage.ReadStateAsync("test-counter", grainId, second);

        first.State!.Value = 1;
        await storage.WriteStateAsync("test-counter", grainId, first);
        second.State!.Value = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("test-counter", grainId, second));

        var reread = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("test-counter", grainId, reread);
        Assert.Equal(1, reread.State!.Value);

        // The same holds once the row exists: a writer holding an old version loses.
        first.State!.Value = 2;
        await storage.WriteStateAsync("test-counter", grainId, first);
        reread.State!.Value = 77;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("test-counter", grainId, reread));
    }

    [Fact]
    public async Task A_grain_whose_row_was_changed_underneath_it_surfaces_the_conflict_to_the_caller()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("underneath");
        await using var cluster = await StartClusterAsync(connectionString, "under-" + Guid.NewGuid().ToString("N"));
        var counter = cluster.Client.GetGrain<ICounterGrain>("victim");
        await counter.Increment();

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var bump = dataSource.CreateCommand("UPDATE orleansstorage SET version = version + 1"))
        {
            await bump.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Increment());
    }

    [Fact]
    public async Task A_reminder_registered_before_a_silo_restart_fires_after_it()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("reminder");
        var serviceId = "reminder-" + Guid.NewGuid().ToString("N");

        await using (var cluster = await StartClusterAsync(connectionString, serviceId))
        {
            // Due well after the restart below has finished, so the firing can only come from the new silo.
            await cluster.Client.GetGrain<IReminderProbeGrain>("probe").Schedule(TimeSpan.FromSeconds(12));
            Assert.Equal(0, await cluster.Client.GetGrain<IReminderProbeGrain>("probe").TimesFired());
        }

        await using var restarted = await StartClusterAsync(connectionString, serviceId);
        await Eventually.UntilAsync(
            async () => await restarted.Client.GetGrain<IReminderProbeGrain>("probe").TimesFired() >= 1,
            TimeSpan.FromSeconds(90), "the reminder to fire on the restarted silo");
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string connectionString, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) => silo.AddAegisPersistence(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<long> CountRowsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansstorage");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
