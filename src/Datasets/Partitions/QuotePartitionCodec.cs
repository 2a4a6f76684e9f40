using Aegis.Domain.Quotes;
using Parquet;
using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>
/// A quote partition as Parquet bytes. The symbol and date are in the key (Hive layout), not in the file. Columns:
/// <c>exchange_time_unix_ns</c>, <c>source</c>, <c>sequence</c>, <c>bid</c> and <c>ask</c> (DECIMAL(18,4)),
/// <c>bid_size</c>, <c>ask_size</c>; one row group per partition, Snappy-compressed.
/// </summary>
public static class QuotePartitionCodec
{
    public const int PriceScale = 4;

    private static readonly DataField<long> TimeField = new("exchange_time_unix_ns", false);
    private static readonly DataField<string> SourceField = new("source", false);
    private static readonly DataField<long> SequenceField = new("sequence", false);
    private static readonly DecimalDataField BidField = new("bid", 18, PriceScale, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField AskField = new("ask", 18, PriceScale, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DataField<long> BidSizeField = new("bid_size", false);
    private static readonly DataField<long> AskSizeField = new("ask_size", false);

    public static ParquetSchema Schema { get; } = new(TimeField, SourceField, SequenceField, BidField, AskField, BidSizeField, AskSizeField);

    public static async Task<byte[]> EncodeAsync(QuoteColumns columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var price in columns.Bids.Concat(columns.Asks))
        {
            if (decimal.Round(price, PriceScale) != price)
            {
                throw new ArgumentException($"{columns.InstrumentId}: price {price} has more than {PriceScale} decimals");
            }
        }

        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<long>(TimeField, columns.ExchangeTimesUnixNs, cancellationToken: cancellationToken);
            await group.WriteAsync(SourceField, columns.Sources);
            await group.WriteAsync<long>(SequenceField, columns.Sequences, cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(BidField, columns.Bids, cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(AskField, columns.Asks, cancellationToken: cancellationToken);
            await group.WriteAsync<long>(BidSizeField, columns.BidSizes, cancellationToken: cancellationToken);
            await group.WriteAsync<long>(AskSizeField, columns.AskSizes, cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    /// <exception cref="PartitionFormatException">Not a quote partition, or damaged; the message names <paramref name="location"/>.</exception>
    public static async Task<QuoteColumns> DecodeAsync(string instrumentId, byte[] bytes, string location, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = PartitionSchema.Require(reader.Schema, Schema, "a quote", location);

            var rows = checked((int)reader.RowGroups.Sum(g => g.RowCount));
            var (times, sources, sequences) = (new long[rows], new string[rows], new long[rows]);
            var (bids, asks, bidSizes, askSizes) = (new decimal[rows], new decimal[rows], new long[rows], new long[rows]);
            var at = 0;
            var interned = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var groupSources = new string?[count];
                await group.ReadAsync<long>(fields[0], times.AsMemory(at, count), cancellationToken: cancellationToken);
                await group.ReadAsync(fields[1], groupSources.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[2], sequences.AsMemory(at, count), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[3], bids.AsMemory(at, count), cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[4], asks.AsMemory(at, count), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[5], bidSizes.AsMemory(at, count), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[6], askSizes.AsMemory(at, count), cancellationToken: cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    var source = groupSources[i] ?? throw new PartitionFormatException($"{location}: row {at + i + 1} has no source");
                    sources[at + i] = interned.TryGetValue(source, out var known) ? known : interned[source] = source;
                }

                at += count;
            }

            return new QuoteColumns(instrumentId, times, sources, sequences, bids, asks, bidSizes, askSizes);
        }
        catch (Exception ex) when (ex is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or IndexOutOfRangeException or OverflowException or NotSupportedException)
        {
            throw new PartitionFormatException($"{location}: not a readable quote partition: {ex.Message}", ex);
        }
    }
}
