using Aegis.Domain.Orders;
using Aegis.Research.Backtests;
using Parquet;
using Parquet.Schema;

namespace Aegis.Datasets.Partitions;

/// <summary>
/// A job's trades and equity curves as Parquet, one row per fill and one per trial and period, each row naming its
/// trial. Money is DECIMAL(28,8), rounded to 8 decimals; times are nanoseconds since the Unix epoch, UTC.
/// </summary>
public static class ResultTables
{
    private static readonly DataField<int> TrialField = new("trial_index", false);
    private static readonly DataField<string> TrialIdField = new("trial_id", false);
    private static readonly DataField<string> FillIdField = new("fill_id", false);
    private static readonly DataField<string> InstrumentField = new("instrument_id", false);
    private static readonly DataField<string> SideField = new("side", false);
    private static readonly DataField<long> QuantityField = new("quantity", false);
    private static readonly DecimalDataField PriceField = new("price", 28, 8, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField CommissionField = new("commission", 28, 8, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DataField<long> TimeField = new("time_unix_ns", false);
    private static readonly DecimalDataField EquityField = new("equity", 28, 8, forceByteArrayEncoding: false, isNullable: false);
    private static readonly DecimalDataField ExposureField = new("gross_exposure", 28, 8, forceByteArrayEncoding: false, isNullable: false);

    public static ParquetSchema TradesSchema { get; } = new(TrialField, TrialIdField, FillIdField, InstrumentField, SideField, QuantityField, PriceField, CommissionField, TimeField);

    public static ParquetSchema EquitySchema { get; } = new(TrialField, TrialIdField, TimeField, EquityField, ExposureField);

    public static async Task<byte[]> TradesAsync(IReadOnlyList<(int Trial, string TrialId, Fill Fill)> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(TradesSchema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(TrialField, rows.Select(r => r.Trial).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(TrialIdField, rows.Select(r => r.TrialId).ToArray());
            await group.WriteAsync(FillIdField, rows.Select(r => r.Fill.FillId).ToArray());
            await group.WriteAsync(InstrumentField, rows.Select(r => r.Fill.InstrumentId).ToArray());
            await group.WriteAsync(SideField, rows.Select(r => r.Fill.Side.ToString().ToLowerInvariant()).ToArray());
            await group.WriteAsync<long>(QuantityField, rows.Select(r => r.Fill.Quantity).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(PriceField, rows.Select(r => decimal.Round(r.Fill.Price, 8)).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(CommissionField, rows.Select(r => decimal.Round(r.Fill.Commission, 8)).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<long>(TimeField, rows.Select(r => r.Fill.TimeUnixNs).ToArray(), cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    public static async Task<byte[]> EquityAsync(IReadOnlyList<(int Trial, string TrialId, EquityPoint Point)> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(EquitySchema, stream, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(TrialField, rows.Select(r => r.Trial).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync(TrialIdField, rows.Select(r => r.TrialId).ToArray());
            await group.WriteAsync<long>(TimeField, rows.Select(r => r.Point.TimeUnixNs).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(EquityField, rows.Select(r => decimal.Round(r.Point.Equity, 8)).ToArray(), cancellationToken: cancellationToken);
            await group.WriteAsync<decimal>(ExposureField, rows.Select(r => decimal.Round(r.Point.GrossExposure, 8)).ToArray(), cancellationToken: cancellationToken);
        }

        return stream.ToArray();
    }

    /// <summary>Reads <c>equity.parquet</c> back: each trial's curve, in trial order.</summary>
    public static async Task<IReadOnlyList<(int Trial, string TrialId, IReadOnlyList<EquityPoint> Equity)>> ReadEquityAsync(byte[] bytes, string location,
        CancellationToken cancellationToken = default)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = reader.Schema.DataFields;
            var rows = new List<(int Trial, string TrialId, EquityPoint Point)>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var (trials, ids, times, equity, exposure) = (new int[count], new string?[count], new long[count], new decimal[count], new decimal[count]);
                await group.ReadAsync<int>(fields[0], trials, cancellationToken: cancellationToken);
                await group.ReadAsync(fields[1], ids.AsMemory(), cancellationToken: cancellationToken);
                await group.ReadAsync<long>(fields[2], times, cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[3], equity, cancellationToken: cancellationToken);
                await group.ReadAsync<decimal>(fields[4], exposure, cancellationToken: cancellationToken);
                for (var i = 0; i < count; i++)
                {
                    rows.Add((trials[i], ids[i] ?? string.Empty, new EquityPoint(times[i], equity[i], exposure[i])));
                }
            }

            return rows.GroupBy(r => (r.Trial, r.TrialId)).OrderBy(g => g.Key.Trial)
                .Select(g => (g.Key.Trial, g.Key.TrialId, (IReadOnlyList<EquityPoint>)g.Select(r => r.Point).ToList())).ToList();
        }
        catch (Exception ex) when (ex is IOException or ParquetException or InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new PartitionFormatException($"{location}: not a readable equity table: {ex.Message}", ex);
        }
    }
}
