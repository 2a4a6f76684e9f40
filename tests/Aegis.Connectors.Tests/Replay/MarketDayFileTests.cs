using System.Diagnostics;
using Aegis.Connectors.Replay;
using Aegis.Domain.Quotes;
using Parquet;
using Parquet.Schema;

namespace Aegis.Connectors.Tests.Replay;

[Collection(SampleDayCollection.Name)]
[Trait("Category", "Unit")]
public sealed class MarketDayFileTests(SampleDayFixture day)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Round_trip_preserves_every_field_exactly()
    {
        var read = await MarketDayFile.ReadAllAsync(day.FilePath, Cancellation);

        Assert.Equal(day.Quotes.Length, read.Length);
        for (var i = 0; i < read.Length; i++)
        {
            // Record equality compares decimals by value (685.00 == 685.0000), every other field exactly.
            Assert.Equal(day.Quotes[i], read[i]);
        }
    }

    [Fact]
    public async Task Round_trip_keeps_sub_cent_prices_and_large_values()
    {
        Quote[] quotes =
        [
            new("X", 0.0001m, 0.0105m, 1, long.MaxValue, 1, 1, "replay", 1),
            new("Y", 123456789.1234m, 123456789.5m, 7, 8, long.MaxValue, long.MaxValue, "replay", long.MaxValue),
        ];
        var path = Path.Combine(day.Directory, "edge.parquet");
        await MarketDayFile.WriteAsync(path, quotes, Cancellation);

        Assert.Equal(quotes, await MarketDayFile.ReadAllAsync(path, Cancellation));
    }

    [Fact]
    public async Task Writing_a_price_finer_than_four_decimals_is_refused_with_the_quote_named()
    {
        Quote[] quotes = [new("X", 1.00001m, 1.01m, 1, 1, 1, 1, "replay", 42)];
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => MarketDayFile.WriteAsync(Path.Combine(day.Directory, "fine.parquet"), quotes, Cancellation));
        Assert.Contains("X #42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_streams_row_groups_and_the_whole_day_reads_in_well_under_a_second()
    {
        // Warm up the code paths once; the figure that matters is the steady-state read.
        await MarketDayFile.ReadAllAsync(day.FilePath, Cancellation);

        var stopwatch = Stopwatch.StartNew();
        var groups = 0;
        var rows = 0;
        await foreach (var group in MarketDayFile.ReadAsync(day.FilePath, Cancellation))
        {
            Assert.InRange(group.Length, 1, MarketDayFile.RowGroupSize);
            groups++;
            rows += group.Length;
        }

        stopwatch.Stop();
        Assert.Equal(day.Quotes.Length, rows);
        Assert.Equal((rows + MarketDayFile.RowGroupSize - 1) / MarketDayFile.RowGroupSize, groups);
        TestContext.Current.SendDiagnosticMessage(
            $"read {rows} quotes in {stopwatch.ElapsedMilliseconds} ms; file {new FileInfo(day.FilePath).Length} bytes; generated in {day.GenerationTime.TotalMilliseconds:F0} ms");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"read took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task EnsureSampleDay_reuses_the_existing_file_and_leaves_no_temporary_file()
    {
        var before = File.GetLastWriteTimeUtc(day.FilePath);

        var path = await MarketDayFile.EnsureSampleDayAsync(day.Directory, cancellationToken: Cancellation);

        Assert.Equal(day.FilePath, path);
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.GetFiles(day.Directory, "*.tmp"));
    }

    [Fact]
    public async Task EnsureSampleDay_creates_the_file_for_another_seed_in_a_new_directory()
    {
        var directory = Path.Combine(day.Directory, "nested", "other-seed");

        var path = await MarketDayFile.EnsureSampleDayAsync(directory, seed: 7, Cancellation);

        Assert.True(File.Exists(path));
        Assert.Contains("seed7", Path.GetFileName(path), StringComparison.Ordinal);
        Assert.Equal(new MarketDayGenerator(7).Generate(), await MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_gives_an_error_naming_the_path()
    {
        var path = Path.Combine(day.Directory, "garbage.parquet");
        await File.WriteAllTextAsync(path, "this is not a parquet file, just some text that is long enough", Cancellation);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_gives_an_error_naming_the_path()
    {
        var bytes = await File.ReadAllBytesAsync(day.FilePath, Cancellation);
        var path = Path.Combine(day.Directory, "truncated.parquet");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)], Cancellation);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_damaged_column_data_gives_an_error_naming_the_path()
    {
        var bytes = await File.ReadAllBytesAsync(day.FilePath, Cancellation);

        // Overwrite a stretch in the middle of the data pages and leave the footer intact.
        Array.Fill(bytes, (byte)0xFF, bytes.Length / 3, 4096);
        var path = Path.Combine(day.Directory, "damaged.parquet");
        await File.WriteAllBytesAsync(path, bytes, Cancellation);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parquet_file_without_the_expected_columns_gives_an_error_naming_path_and_column()
    {
        var path = Path.Combine(day.Directory, "other-schema.parquet");
        var field = new DataField<long>("something_else", false);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream, cancellationToken: Cancellation))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(field, new long[] { 1, 2, 3 }, cancellationToken: Cancellation);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("instrument_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_gives_an_error_naming_the_path()
    {
        var path = Path.Combine(day.Directory, "does-not-exist.parquet");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => MarketDayFile.ReadAllAsync(path, Cancellation));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
