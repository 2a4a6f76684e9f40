using System.Globalization;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets.Import;

/// <summary>
/// ORATS strikes snapshots as a research dataset, from CSV with the data API's column names (<c>/datav2/strikes.csv</c>,
/// <c>hist/strikes</c>, one-minute snapshots): one <c>options</c> partition per underlying and trade date. Required:
/// <c>ticker</c>, <c>tradeDate</c>, <c>expirDate</c>, <c>strike</c>, <c>stockPrice</c> and the four bid/ask prices;
/// the sizes, volumes, open interest, IVs, greeks and <c>updatedAt</c> are taken when present. An IV of 0 is ORATS's
/// "none" and is kept as missing. Every file is checked before anything is written.
/// </summary>
public static class OratsStrikesImport
{
    public static readonly IReadOnlyList<string> Required =
        ["ticker", "tradeDate", "expirDate", "strike", "stockPrice", "callBidPrice", "callAskPrice", "putBidPrice", "putAskPrice"];

    /// <exception cref="CsvImportException">A file or row that does not hold strikes.</exception>
    public static async Task<DatasetManifest> ImportAsync(IObjectStore store, string name, IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var chains = new Dictionary<(string Ticker, DateOnly Date), List<(OptionStrike Row, string Where)>>();
        foreach (var file in files)
        {
            using var text = File.OpenText(file);
            foreach (var row in CsvTable.Read(file, text, Required).Rows)
            {
                var ticker = row.Text("ticker");
                try
                {
                    DatasetKeys.Checked(ticker, "ticker");
                }
                catch (ArgumentException ex)
                {
                    throw row.Bad("ticker", ticker, ex.Message.Split(" (Parameter")[0]);
                }

                var key = (ticker, row.Date("tradeDate"));
                if (!chains.TryGetValue(key, out var list))
                {
                    chains[key] = list = [];
                }

                list.Add((Parse(row, key.Item2), $"{file}:{row.Line}"));
            }
        }

        if (chains.Count == 0)
        {
            throw new CsvImportException($"{string.Join(", ", files)}: no strikes to import");
        }

        var partitions = new List<EncodedPartition>();
        foreach (var ((ticker, date), rows) in chains.OrderBy(c => c.Key.Date).ThenBy(c => c.Key.Ticker, StringComparer.Ordinal))
        {
            var ordered = rows.OrderBy(r => r.Row.ExpirationDate).ThenBy(r => r.Row.Strike).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Row.ExpirationDate == ordered[i - 1].Row.ExpirationDate && ordered[i].Row.Strike == ordered[i - 1].Row.Strike)
                {
                    throw new CsvImportException($"{ordered[i].Where}: field strike: a second {ticker} {ordered[i].Row.ExpirationDate:yyyy-MM-dd} {ordered[i].Row.Strike} row on {date:yyyy-MM-dd} (the first is at {ordered[i - 1].Where})");
                }
            }

            var strikes = ordered.Select(r => r.Row).ToList();
            var time = strikes.Max(s => s.UpdatedAtUnixNs);
            partitions.Add(new EncodedPartition(OptionChainCodec.Kind, date, ticker, null, DatasetKeys.Quotes(name, date, ticker),
                await OptionChainCodec.EncodeAsync(strikes, cancellationToken), strikes.Count, strikes.Min(s => s.UpdatedAtUnixNs), time));
        }

        return await new DatasetWriter(store).WriteEncodedAsync(name, $"ORATS strikes from {string.Join(", ", files.Select(Path.GetFileName))}", partitions,
            new Dictionary<string, IReadOnlyList<DatasetColumn>> { [OptionChainCodec.Kind] = DatasetWriter.Columns(OptionChainCodec.Schema) }, cancellationToken: cancellationToken);
    }

    private static OptionStrike Parse(CsvRow row, DateOnly tradeDate)
    {
        var expiry = row.Date("expirDate");
        if (expiry < tradeDate)
        {
            throw row.Bad("expirDate", row.Text("expirDate"), $"is before the trade date {tradeDate:yyyy-MM-dd}");
        }

        var strike = Price(row, "strike", positive: true);
        var (callBid, callAsk) = Side(row, "callBidPrice", "callAskPrice");
        var (putBid, putAsk) = Side(row, "putBidPrice", "putAskPrice");
        var updated = row.OptionalText("updatedAt") is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUnixTimeMilliseconds() * 1_000_000
                : throw row.Bad("updatedAt", text, "is not a time (ISO 8601)")
            : new DateTimeOffset(tradeDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        return new OptionStrike(expiry, strike, Price(row, "stockPrice", positive: true), callBid, callAsk, putBid, putAsk,
            Count(row, "callBidSize"), Count(row, "callAskSize"), Count(row, "putBidSize"), Count(row, "putAskSize"),
            Count(row, "callVolume"), Count(row, "putVolume"), Count(row, "callOpenInterest"), Count(row, "putOpenInterest"),
            Iv(row, "callMidIv"), Iv(row, "putMidIv"), Iv(row, "smvVol"),
            row.OptionalDouble("delta"), row.OptionalDouble("gamma"), row.OptionalDouble("theta"), row.OptionalDouble("vega"), updated);
    }

    private static (decimal Bid, decimal Ask) Side(CsvRow row, string bidColumn, string askColumn)
    {
        var (bid, ask) = (Price(row, bidColumn, positive: false), Price(row, askColumn, positive: false));
        return ask > 0 && bid > ask ? throw row.Bad(bidColumn, row.Text(bidColumn), $"is above {askColumn} {row.Text(askColumn)}") : (bid, ask);
    }

    private static decimal Price(CsvRow row, string column, bool positive)
    {
        var value = row.Decimal(column);
        return value < 0 || (positive && value == 0) ? throw row.Bad(column, row.Text(column), positive ? "is not a positive price" : "is negative")
            : decimal.Round(value, 4) != value ? throw row.Bad(column, row.Text(column), "has more than 4 decimals")
            : value;
    }

    private static long Count(CsvRow row, string column)
    {
        var value = row.OptionalLong(column);
        return value >= 0 ? value : throw row.Bad(column, row.Text(column), "is negative");
    }

    // ORATS writes 0 for an implied volatility it could not compute.
    private static double? Iv(CsvRow row, string column) => row.OptionalDouble(column) is { } iv && iv != 0 ? iv : null;
}
