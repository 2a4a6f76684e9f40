using System.Diagnostics;
using System.Text.Json;
using Aegis.Benchmarks.Infrastructure;
using Npgsql;

namespace Aegis.Benchmarks.Storage;

/// <summary>
/// <c>storage-writes</c>: Orleans grain-state writes/s to PostgreSQL (<c>WriteStateAsync</c> per call,
/// ADO.NET provider with the AEGIS migrations) against plain Npgsql upserts of the same JSON bytes
/// into a table of our own, same grain count and concurrency, in the same run.
/// </summary>
public static class StorageWrites
{
    public static async Task RunAsync(BenchArgs args)
    {
        var grainCount = args.Int("grains", 1000);
        var writerCounts = args.IntList("writers", 4, 16);
        var seconds = args.Double("seconds", 15);
        var warmup = args.Double("warmup", 3);
        var payloadBytes = args.Int("payload", 200);
        args.EnsureAllUsed();

        await using var database = await ThrowawayDatabase.StartAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 200 }.ConnectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE bench_raw_state (id bigint PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payload = new string('x', payloadBytes);
        var stateBytes = JsonSerializer.SerializeToUtf8Bytes(new BenchState { Payload = payload, Writes = 1 });
        var grains = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<IBenchStateGrain>(i)).ToArray();

        // First write of every grain / row outside the measurement: activation, state read, INSERT.
        await Parallel.ForEachAsync(grains, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (g, _) => await g.Write(payload));
        await Parallel.ForEachAsync(Enumerable.Range(0, grainCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => await UpsertAsync(dataSource, i, stateBytes, ct));
        BenchReport.Line($"{grainCount} grains and rows written once; state ≈ {stateBytes.Length} bytes of JSON");

        var rows = new List<object>();
        foreach (var writers in writerCounts)
        {
            var orleans = (await ClosedLoop.RateAsync(writers, grainCount, warmup, seconds, (i, _) => new ValueTask(grains[i].Write(payload)))).PerSecond;
            var raw = (await ClosedLoop.RateAsync(writers, grainCount, warmup, seconds, (i, ct) => UpsertAsync(dataSource, i, stateBytes, ct))).PerSecond;
            BenchReport.Line($"{writers,3} writers: Orleans WriteStateAsync {orleans,9:N0} /s   raw Npgsql upsert {raw,9:N0} /s   ratio {orleans / raw:F2}");
            rows.Add(new { writers, orleansWritesPerSecond = BenchReport.Round(orleans), rawUpsertsPerSecond = BenchReport.Round(raw), ratio = BenchReport.Round(orleans / raw, 3) });
        }

        BenchReport.Result("storage-writes", new Dictionary<string, object?>
        {
            ["parameters"] = new { grains = grainCount, writers = writerCounts, seconds, warmup, payload = payloadBytes, stateBytes = stateBytes.Length },
            ["results"] = rows,
        });
    }

    private static async ValueTask UpsertAsync(NpgsqlDataSource dataSource, int id, byte[] payload, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO bench_raw_state (id, payload, version) VALUES ($1, $2, 1) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = bench_raw_state.version + 1");
        command.Parameters.Add(new() { Value = (long)id });
        command.Parameters.Add(new() { Value = payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
