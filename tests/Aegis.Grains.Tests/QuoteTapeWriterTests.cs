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
    public async Task Small_feed_batches_appended_together_become_one_block_per_instrument_committed_when_their_appends_complete()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateMigratedDatabaseAsync("tape_blocks"));
        var writer = new QuoteTapeWriter(dataSource, Options.Create(new QuoteTapeOptions { FlushInterval = TimeSpan.FromSeconds(2) }),
            new TapeProgress(dataSource), NullLogger<QuoteTapeWriter>.Instance);
        await writer.StartAsync(cancellation);
        try
        {
            // Single-quote batches of two feeds, interleaved as their concurrent publishes would be; each
            // append completes once its quotes are committed, so everything is readable right after.
            var appends = new List<Task>();
            for (var sequence = 1; sequence <= 40; sequence++)
            {
                appends.Add(writer.AppendAsync(new TapeEntry([Quotes.At("SPY", sequence, 400m + sequence)], []), cancellation));
                appends.Add(writer.AppendAsync(new TapeEntry([Quotes.At("QQQ", sequence, 300m + sequence)], []), cancellation));
            }

            await Task.WhenAll(appends);
            await using var count = dataSource.CreateCommand("SELECT coalesce(sum(cardinality(sequences)), 0) FROM quote_tape_blocks");
            Assert.Equal(80L, Convert.ToInt64(await count.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        await using var blocks = dataSource.CreateCommand("SELECT count(*) FROM quote_tape_blocks");
        // The first write goes at once with whatever has arrived; the rest gathers while it is in flight.
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
