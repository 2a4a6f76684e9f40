using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>
/// A partition of option chain snapshots (kind <c>options</c>: one underlying, one trade date): the columns of
/// <see cref="OptionStrike"/> in snake case, prices DECIMAL(18,4), the expiry as <c>YYYY-MM-DD</c> text, IVs and greeks
/// as nullable doubles.
/// </summary>
public static class OptionChainCodec
{
    public const string Kind = "options";

    private static readonly DataField<string> Expiry = new("expiration_date", false);
    private static readonly DecimalDataField[] Prices =
        [.. new[] { "strike", "stock_price", "call_bid", "call_ask", "put_bid", "put_ask" }.Select(n => new DecimalDataField(n, 18, 4, forceByteArrayEncoding: false, isNullable: false))];
    private static readonly DataField<long>[] Counts =
        [.. new[] { "call_bid_size", "call_ask_size", "put_bid_size", "put_ask_size", "call_volume", "put_volume", "call_open_interest", "put_open_interest" }.Select(n => new DataField<long>(n, false))];
    private static readonly DataField<double?>[] Ratios =
        [.. new[] { "call_mid_iv", "put_mid_iv", "smoothed_iv", "delta", "gamma", "theta", "vega" }.Select(n => new DataField<double?>(n, true))];
    private static readonly DataField<long> Updated = new("updated_at_unix_ns", false);

    public static ParquetSchema Schema { get; } = new([Expiry, .. Prices, .. Counts, .. Ratios, Updated]);

    public static async Task<byte[]> EncodeAsync(IReadOnlyList<OptionStrike> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(Expiry, rows.Select(r => r.ExpirationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray());
            Func<OptionStrike, decimal>[] prices = [r => r.Strike, r => r.StockPrice, r => r.CallBid, r => r.CallAsk, r => r.PutBid, r => r.PutAsk];
            for (var i = 0; i < Prices.Length; i++)
            {
                await group.WriteAsync<decimal>(Prices[i], rows.Select(prices[i]).ToArray(), cancellationToken: cancellationToken);
            }

            Func<OptionStrike, long>[] counts = [r => r.CallBidSize, r => r.CallAskSize, r => r.PutBidSize, r => r.PutAskSize, r => r.CallVolume, r => r.PutVolume,
                r => r.CallOpenInterest, r => r.PutOpenInterest];
            for (var i = 0; i < Counts.Length; i++)
            {
                await group.WriteAsync<long>(Counts[i], rows.Select(counts[i]).ToArray(), cancellationToken: cancellationToken);
            }

            Func<OptionStrike, double?>[] ratios = [r => r.CallMidIv, r => r.PutMidIv, r => r.SmoothedIv, r => r.Delta, r => r.Gamma, r => r.Theta, r => r.Vega];
            for (var i = 0; i < Ratios.Length; i++)
            {
                await group.WriteAsync<double>(Ratios[i], rows.Select(ratios[i]).ToArray(), cancellationToken: cancellationToken);
            }

            await group.WriteAsync<long>(Updated, rows.Select(r => r.UpdatedAtUnixNs).ToArray(), cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    /// <exception cref="PartitionFormatException">Not an option chain partition, or damaged; the message names <paramref name="location"/>.</exception>
    public static async Task<IReadOnlyList<OptionStrike>> DecodeAsync(byte[] bytes, string location, CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = PartitionSchema.Require(reader.Schema, Schema, "an option chain", location);
            var rows = new List<OptionStrike>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var expiries = new string?[count];
                await group.ReadAsync(fields[0], expiries.AsMemory(), cancellationToken: cancellationToken);
                var prices = new decimal[Prices.Length][];
                for (var i = 0; i < prices.Length; i++)
                {
                    prices[i] = new decimal[count];
                    await group.ReadAsync<decimal>(fields[1 + i], prices[i].AsMemory(), cancellationToken: cancellationToken);
                }

                var counts = new long[Counts.Length][];
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] = new long[count];
                    await group.ReadAsync<long>(fields[1 + Prices.Length + i], counts[i].AsMemory(), cancellationToken: cancellationToken);
                }

                var ratios = new double?[Ratios.Length][];
                for (var i = 0; i < ratios.Length; i++)
                {
                    ratios[i] = new double?[count];
                    await group.ReadAsync(fields[1 + Prices.Length + Counts.Length + i], ratios[i].AsMemory(), cancellationToken: cancellationToken);
                }

                var updated = new long[count];
                await group.ReadAsync<long>(fields[^1], updated.AsMemory(), cancellationToken: cancellationToken);
                for (var r = 0; r < count; r++)
                {
                    rows.Add(new OptionStrike(DateOnly.ParseExact(expiries[r] ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        prices[0][r], prices[1][r], prices[2][r], prices[3][r], prices[4][r], prices[5][r],
                        counts[0][r], counts[1][r], counts[2][r], counts[3][r], counts[4][r], counts[5][r], counts[6][r], counts[7][r],
                        ratios[0][r], ratios[1][r], ratios[2][r], ratios[3][r], ratios[4][r], ratios[5][r], ratios[6][r], updated[r]));
                }
            }

            return rows;
        }
        catch (Exception ex) when (ex is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or IndexOutOfRangeException or OverflowException or NotSupportedException or FormatException)
        {
            throw new PartitionFormatException($"{location}: not a readable option chain partition: {ex.Message}", ex);
        }
    }
}
