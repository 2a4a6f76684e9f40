using Aegis.Domain.Quotes;
using Parquet;
using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>
/// A partition of aggregate bars (kind <c>bars</c>: one symbol, one day, in window order): <c>window_start_unix_ns</c>,
/// <c>window_end_unix_ns</c>, <c>open</c>, <c>high</c>, <c>low</c>, <c>close</c> (DECIMAL(18,6)), <c>volume</c> (double,
/// as providers give it) and <c>transactions</c>.
/// </summary>
public static class BarPartitionCodec
{
    public const string Kind = "bars";

    /// <summary>The source of the quotes a bar becomes (see <see cref="ToQuotes"/>).</summary>
    public const string QuoteSource = "bars";

    private static readonly DataField<long> StartField = new("window_start_unix_ns", false);
    private static readonly DataField<long> EndField = new("window_end_unix_ns", false);
    private static readonly DecimalDataField OpenField = new("open", 18, 6, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField HighField = new("high", 18, 6, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField LowField = new("low", 18, 6, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField CloseField = new("close", 18, 6, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DataField<double> VolumeField = new("volume", false);
    private static readonly DataField<long> TransactionsField = new("transactions", false);

    public static ParquetSchema Schema { get; } = new(StartField, EndField, OpenField, HighField, LowField, CloseField, VolumeField, TransactionsField);

    public static async Task<byte[]> EncodeAsync(IReadOnlyList<OhlcBar> bars, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bars);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(StartField, bars.Select(b => b.WindowStartUnixNs).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<long>(EndField, bars.Select(b => b.WindowEndUnixNs).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(OpenField, bars.Select(b => b.Open).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(HighField, bars.Select(b => b.High).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(LowField, bars.Select(b => b.Low).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(CloseField, bars.Select(b => b.Close).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<double>(VolumeField, bars.Select(b => b.Volume).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<long>(TransactionsField, bars.Select(b => b.Transactions).ToArray(), cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    /// <exception cref="PartitionFormatException">Not a bar partition, or damaged; the message names <paramref name="location"/>.</exception>
    public static async Task<IReadOnlyList<OhlcBar>> DecodeAsync(byte[] bytes, string location, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = PartitionSchema.Require(reader.Schema, Schema, "a bar", location);
            var bars = new List<OhlcBar>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var (starts, ends, volumes, transactions) = (new long[count], new long[count], new double[count], new long[count]);
                var (open, high, low, close) = (new decimal[count], new decimal[count], new decimal[count], new decimal[count]);
                await group.ReadAsync<long>(fields[0], starts.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[1], ends.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[2], open.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[3], high.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[4], low.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[5], close.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<double>(fields[6], volumes.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[7], transactions.AsMemory(), cancellationToken: cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    bars.Add(new OhlcBar(starts[i], ends[i], open[i], high[i], low[i], close[i], volumes[i], transactions[i]));
                }
            }

            return bars;
        }
        catch (Exception ex) when (ex is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or IndexOutOfRangeException or OverflowException or NotSupportedException)
        {
            throw new PartitionFormatException($"{location}: not a readable bar partition: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Bars as the quotes a backtest reads: one per bar, at the last nanosecond of its window (its close is known only
    /// then), with bid and ask both at the close (bars carry no spread) and the bar's volume as both sizes.
    /// </summary>
    public static QuoteColumns ToQuotes(string symbol, IReadOnlyList<OhlcBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var closes = bars.Select(b => b.Close).ToArray();
        var sizes = bars.Select(b => (long)Math.Min(b.Volume, long.MaxValue)).ToArray();
        return new QuoteColumns(symbol, bars.Select(b => b.WindowEndUnixNs - 1).ToArray(), bars.Select(_ => QuoteSource).ToArray(),
            Enumerable.Range(1, bars.Count).Select(i => (long)i).ToArray(), closes, [.. closes], sizes, [.. sizes]);
    }
}
