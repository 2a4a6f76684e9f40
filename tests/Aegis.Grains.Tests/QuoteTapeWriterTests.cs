using Aegis.Grains.Persistence;
using Aegis.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.Grains.Tests;

[Trait("Category", "Cluster")]
public sealed class QuoteTapeWriterTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Small_feed_batches_written_together_become_one_block_per_instrument_with_every_quote_in_order()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("tape_blocks"));
        var writer = new QuoteTapeWriter(dataSource, Options.Create(new QuoteTapeOptions { FlushInterval = TimeSpan.FromSeconds(2) }),
            new TapeProgress(dataSource), NullLogger<QuoteTapeWriter>.Instance);
        await writer.StartAsync(cancellation);
        try
        {
            // Single-quote batches of two feeds, interleaved as their publishes would be.
            for (var sequence = 1; sequence <= 40; sequence++)
            {
                await writer.AppendAsync(new TapeEntry([Quotes.At("SPY", sequence, 400m + sequence)], []), cancellation);
                await writer.AppendAsync(new TapeEntry([Quotes.At("QQQ", sequence, 300m + sequence)], []), cancellation);
            }

            await writer.DrainAsync(cancellation);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        await using var blocks = dataSource.CreateCommand("SELECT count(*) FROM quote_tape_blocks");
        // The first write goes at once with whatever has arrived; the rest gathers behind the interval.
        Assert.InRange(Convert.ToInt64(await blocks.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture), 2, 4);

        await using var tape = dataSource.CreateCommand("SELECT instrument_id, sequence, bid FROM quote_tape ORDER BY instrument_id, sequence");
        await using var reader = await tape.ExecuteReaderAsync(cancellation);
        var rows = new List<(string Instrument, long Sequence, decimal Bid)>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetDecimal(2)));
        }

        var expected = Enumerable.Range(1, 40).Select(i => ("QQQ", (long)i, 300m + i))
            .Concat(Enumerable.Range(1, 40).Select(i => ("SPY", (long)i, 400m + i)));
        Assert.Equal(expected, rows);
    }
}
