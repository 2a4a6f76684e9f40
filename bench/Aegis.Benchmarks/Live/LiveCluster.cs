using Aegis.Benchmarks.Infrastructure;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Telemetry;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.Benchmarks.Live;

/// <summary>What every live-lane benchmark starts from: a throwaway database, one silo whose catalog
/// is the synthetic market, and the scenarios created through the directory (so subscribed to their feeds).</summary>
public sealed class LiveCluster : IAsyncDisposable
{
    private readonly ThrowawayDatabase _database;

    private LiveCluster(ThrowawayDatabase database, BenchSilo silo, SyntheticMarket market)
    {
        _database = database;
        Silo = silo;
        Market = market;
        Metrics = silo.Services.GetRequiredService<LiveLaneMetrics>();
        Tape = silo.Services.GetRequiredService<QuoteTapeWriter>();
    }

    public BenchSilo Silo { get; }

    public SyntheticMarket Market { get; }

    public LiveLaneMetrics Metrics { get; }

    public QuoteTapeWriter Tape { get; }

    public MeterTotal Decisions { get; } = new("aegis.scenario.decisions");

    public MeterTotal OrdersThrottled { get; } = new("aegis.scenario.orders.throttled");

    public Task<long> WalBytesAsync() => _database.WalBytesAsync();

    /// <summary>The input log's rows (blocks), the inputs in them and its size on disk with TOAST and indexes.</summary>
    public async Task<InputLogSize> InputLogSizeAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*), coalesce(sum(cardinality(kinds)), 0)::bigint, pg_total_relation_size('scenario_input_blocks') FROM scenario_input_blocks", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new InputLogSize(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The shadow role's connection string to the same database.</summary>
    public Task<string> ShadowConnectionStringAsync() => _database.ShadowConnectionStringAsync();

    public IInstrumentFeedGrain Feed(int instrument) => Silo.Grains.GetGrain<IInstrumentFeedGrain>(Market.Instruments[instrument].Id);

    /// <summary>Starts the silo and creates the scenarios; when <paramref name="slowScenarioDelay"/> is positive, one
    /// more scenario whose strategy blocks that long on every quote.</summary>
    public static async Task<LiveCluster> StartAsync(int instruments, int scenarios, int perScenario, int maxOrdersPerMinute = SyntheticMarket.DefaultMaxOrdersPerMinute,
        TimeSpan slowScenarioDelay = default, SyntheticMarket? universe = null)
    {
        var market = universe ?? new SyntheticMarket(instruments);
        var database = await ThrowawayDatabase.StartAsync();
        try
        {
            var silo = await BenchSilo.StartAsync(database.ConnectionString, services =>
            {
                services.AddSingleton(market.Catalog);
                if (slowScenarioDelay > TimeSpan.Zero)
                {
                    services.AddSingleton(DelayedStrategy.Catalog(slowScenarioDelay));
                }
            });
            var cluster = new LiveCluster(database, silo, market);
            await cluster.CreateScenariosAsync(scenarios, perScenario, maxOrdersPerMinute);
            if (slowScenarioDelay > TimeSpan.Zero)
            {
                await cluster.CreateAsync(market.SlowScenarioSpec(perScenario, maxOrdersPerMinute));
                BenchReport.Line($"+1 scenario '{SyntheticMarket.SlowScenarioId}' whose strategy blocks {slowScenarioDelay.TotalMilliseconds:F1} ms on every quote");
            }

            return cluster;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private async Task CreateScenariosAsync(int scenarios, int perScenario, int maxOrdersPerMinute)
    {
        var started = DateTime.UtcNow;
        foreach (var spec in Market.ScenarioSpecs(scenarios, perScenario, maxOrdersPerMinute))
        {
            await CreateAsync(spec);
        }

        var watchers = (double)scenarios * Math.Min(perScenario, Market.Instruments.Count) / Market.Instruments.Count;
        BenchReport.Line($"{scenarios} scenarios created in {(DateTime.UtcNow - started).TotalSeconds:F1} s; {Market.Instruments.Count} instruments, ~{watchers:F1} scenarios per instrument");
    }

    private async Task CreateAsync(string spec)
    {
        var result = await Silo.Grains.GetGrain<IScenarioDirectoryGrain>(IScenarioDirectoryGrain.Key).Create(spec);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"scenario refused: {string.Join("; ", result.Errors)}\n{spec}");
        }
    }

    /// <summary>Waits until the tape writer has caught up (or the timeout passes); returns the backlog left.</summary>
    public async Task<int> DrainTapeAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Tape.Backlog > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        return Tape.Backlog;
    }

    public async ValueTask DisposeAsync()
    {
        Decisions.Dispose();
        OrdersThrottled.Dispose();
        try
        {
            await Silo.DisposeAsync();
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
}
