using Aegis.Domain.Replay;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Hosting;
using Aegis.Grains.Shadow.Persistence;
using Aegis.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class SharedTapeCacheTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Twins_share_what_was_read_and_a_block_committed_after_its_range_was_read_is_fetched_when_an_input_needs_it()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync("tape_cache");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, "SELECT aegis_ensure_quote_partitions('2026-03-02')");
        await InsertBlockAsync(dataSource, 1, 2, 3, 4, 5);
        await InsertBlockAsync(dataSource, 8, 9, 10); // 6 and 7 are still on their way to the tape
        var cache = new SharedTapeCache(new TapeReader(dataSource), Options.Create(new ShadowLaneOptions()));

        // One twin reads through sequence 10; another reads an earlier range of the same stream from memory.
        var first = await cache.ReadAsync([Input(1, 1, 5), Input(2, 8, 10)]);
        Assert.Equal(5, first.GetQuotes(Input(1, 1, 5)).Length);
        var second = await cache.ReadAsync([Input(1, 2, 4)]);
        Assert.Equal([2L, 3L, 4L], second.GetQuotes(Input(1, 2, 4)).ToArray().Select(q => q.Sequence));
        Assert.Equal((1L, 1L), cache.Counts);

        // 6 and 7 commit late; a twin whose input covers them gets them, not the gap memory had.
        await InsertBlockAsync(dataSource, 6, 7);
        var late = await cache.ReadAsync([Input(3, 6, 7)]);
        Assert.Equal([6L, 7L], late.GetQuotes(Input(3, 6, 7)).ToArray().Select(q => q.Sequence));
        Assert.Equal(100m + 6, late.GetQuotes(Input(3, 6, 7))[0].Bid);

        // A range no input can be satisfied for still comes back short: the replayer reports it, nothing is invented.
        var missing = await cache.ReadAsync([Input(4, 11, 12)]);
        Assert.Throws<InputLogException>(() => missing.GetQuotes(Input(4, 11, 12)).Length);
    }

    private static ScenarioInput Input(long sequence, long first, long last) =>
        ScenarioInput.ForQuotes(sequence, "test", "SPY", first, last, (int)(last - first + 1), Quotes.StartUnixNs);

    private static async Task InsertBlockAsync(NpgsqlDataSource dataSource, params long[] sequences)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO quote_tape_blocks VALUES ('2026-03-02', 'SPY', 'test', $1[1], $1[cardinality($1)], $1, $2, $3, $4, $4, $5, $5)");
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
        command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. sequences.Select(s => 100m + s)] });
        command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. sequences.Select(s => 100.01m + s)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences.Select(_ => 100L)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences.Select(s => Quotes.StartUnixNs + s)] });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
