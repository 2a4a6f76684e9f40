using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets.Import;

/// <summary>
/// Polygon/Massive aggregates as a research dataset, from CSV files in the layout of their flat files
/// (<c>ticker,volume,open,close,high,low,window_start,transactions</c>, <c>window_start</c> in ns since the Unix epoch):
/// one <c>bars</c> partition per symbol and UTC day. Every file is read and checked before anything is written; a bad
/// row fails the import naming its file, line and field.
/// </summary>
public static class PolygonAggregatesImport
{
    public static readonly IReadOnlyList<string> Columns = ["ticker", "volume", "open", "close", "high", "low", "window_start", "transactions"];

    /// <exception cref="CsvImportException">A file or row that does not hold aggregates.</exception>
    public static async Task<DatasetManifest> ImportAsync(IObjectStore store, string name, IReadOnlyList<string> files, TimeSpan barLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (barLength <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(barLength), barLength, "a bar lasts a positive time");
        }

        var bars = new Dictionary<(string Symbol, DateOnly Date), List<(OhlcBar Bar, string Where)>>();
        foreach (var file in files)
        {
            using var text = File.OpenText(file);
            foreach (var row in CsvTable.Read(file, text, Columns).Rows)
            {
                var bar = Parse(row, barLength);
                var symbol = row.Text("ticker");
                _ = Field(row, "ticker", () => DatasetKeys.Checked(symbol, "ticker"));
                var date = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(bar.WindowStartUnixNs / 1_000_000).UtcDateTime);
                var key = (symbol, date);
                if (!bars.TryGetValue(key, out var list))
                {
                    bars[key] = list = [];
                }

                list.Add((bar, $"{file}:{row.Line}"));
            }
        }

        if (bars.Count == 0)
        {
            throw new CsvImportException($"{string.Join(", ", files)}: no aggregates to import");
        }

        var partitions = new List<EncodedPartition>();
        foreach (var ((symbol, date), rows) in bars.OrderBy(b => b.Key.Date).ThenBy(b => b.Key.Symbol, StringComparer.Ordinal))
        {
            rows.Sort((a, b) => a.Bar.WindowStartUnixNs.CompareTo(b.Bar.WindowStartUnixNs));
            for (var i = 1; i < rows.Count; i++)
            {
                if (rows[i].Bar.WindowStartUnixNs == rows[i - 1].Bar.WindowStartUnixNs)
                {
                    throw new CsvImportException($"{rows[i].Where}: field window_start: a second {symbol} bar at {rows[i].Bar.WindowStartUnixNs} (the first is at {rows[i - 1].Where})");
                }
            }

            var ordered = rows.Select(r => r.Bar).ToList();
            partitions.Add(new EncodedPartition(BarPartitionCodec.Kind, date, symbol, null, DatasetKeys.Quotes(name, date, symbol),
                await BarPartitionCodec.EncodeAsync(ordered, cancellationToken), ordered.Count, ordered[0].WindowStartUnixNs, ordered[^1].WindowEndUnixNs));
        }

        return await new DatasetWriter(store).WriteEncodedAsync(name, $"polygon aggregates ({(long)barLength.TotalSeconds} s bars) from {string.Join(", ", files.Select(Path.GetFileName))}",
            partitions, new Dictionary<string, IReadOnlyList<DatasetColumn>> { [BarPartitionCodec.Kind] = DatasetWriter.Columns(BarPartitionCodec.Schema) },
            cancellationToken: cancellationToken);
    }

    private static OhlcBar Parse(CsvRow row, TimeSpan barLength)
    {
        var start = row.Long("window_start");
        if (start <= 0)
        {
            throw row.Bad("window_start", start.ToString(System.Globalization.CultureInfo.InvariantCulture), "is not a time after 1970 in ns");
        }

        var (open, high, low, close) = (Price(row, "open"), Price(row, "high"), Price(row, "low"), Price(row, "close"));
        if (high < Math.Max(Math.Max(open, close), low))
        {
            throw row.Bad("high", row.Text("high"), "is below the bar's open, close or low");
        }

        if (low > Math.Min(open, close))
        {
            throw row.Bad("low", row.Text("low"), "is above the bar's open or close");
        }

        var volume = (double)row.Decimal("volume");
        if (volume < 0)
        {
            throw row.Bad("volume", row.Text("volume"), "is negative");
        }

        var transactions = row.OptionalLong("transactions");
        return new OhlcBar(start, start + (long)(barLength.TotalMilliseconds * 1_000_000), open, high, low, close, volume, transactions);
    }

    private static decimal Price(CsvRow row, string column)
    {
        var price = row.Decimal(column);
        return price <= 0 ? throw row.Bad(column, row.Text(column), "is not a positive price")
            : decimal.Round(price, 6) != price ? throw row.Bad(column, row.Text(column), "has more than 6 decimals")
            : price;
    }

    private static T Field<T>(CsvRow row, string column, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException ex)
        {
            throw row.Bad(column, row.Text(column), ex.Message.Split(" (Parameter")[0]);
        }
    }
}
