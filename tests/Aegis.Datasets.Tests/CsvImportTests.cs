using Aegis.Datasets.Import;
using Aegis.Datasets.Layout;
using Aegis.Datasets.Partitions;
using Aegis.Datasets.Storage;

namespace Aegis.Datasets.Tests;

public sealed class CsvImportTests : IDisposable
{
    private const long Minute = 60_000_000_000;
    private static readonly long Open = new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
    private readonly string _root = Directory.CreateTempSubdirectory("aegis-csv-").FullName;

    private DirectoryObjectStore Store => new(Path.Combine(_root, "store"));

    private string File(string name, string text)
    {
        var path = Path.Combine(_root, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Polygon_aggregates_become_bar_partitions_per_symbol_and_day_and_quotes_at_each_bars_close()
    {
        var first = File("a.csv", $"ticker,volume,open,close,high,low,window_start,transactions\r\nSPY,1200,500.10,500.25,500.30,500.05,{Open + Minute},31\r\nSPY,900,500.25,500.20,500.40,500.15,{Open},12\r\n");
        var second = File("b.csv", $"ticker,volume,open,close,high,low,window_start,transactions\nQQQ,\"15\",400,401,401.5,399.5,{Open},7\n");

        var manifest = await PolygonAggregatesImport.ImportAsync(Store, "aggs", [first, second], TimeSpan.FromMinutes(1));

        Assert.Equal(["datasets/aggs/date=2026-03-02/symbol=QQQ/part-0.parquet", "datasets/aggs/date=2026-03-02/symbol=SPY/part-0.parquet"], manifest.Partitions.Select(p => p.Key));
        Assert.All(manifest.Partitions, p => Assert.Equal(BarPartitionCodec.Kind, p.Kind));
        var reader = new DatasetReader(Store);
        var spy = await reader.ReadBarsAsync(manifest.Partitions[1]);
        Assert.Equal([Open, Open + Minute], spy.Select(b => b.WindowStartUnixNs)); // sorted by window
        Assert.Equal(new OhlcBar(Open, Open + Minute, 500.25m, 500.40m, 500.15m, 500.20m, 900, 12), spy[0]);
        var quotes = (await reader.ReadMarketAsync(manifest.Partitions[1]))!;
        Assert.Equal([Open + Minute - 1, Open + (2 * Minute) - 1], quotes.ExchangeTimesUnixNs);
        Assert.Equal(quotes.Bids, quotes.Asks);
        Assert.Equal([500.20m, 500.25m], quotes.Bids);
    }

    [Theory]
    [InlineData("SPY,100,500,501,499,498,{0},3", "field high: '499' is below the bar's open, close or low")]
    [InlineData("SPY,100,500,501,502,abc,{0},3", "field low: 'abc' is not a number")]
    [InlineData("SPY,-5,500,501,502,499,{0},3", "field volume: '-5' is negative")]
    [InlineData("SPY,100,500,501,502,499,,3", "field window_start: '' is empty")]
    [InlineData("SPY,100,500,501,502,499,{0}", "7 fields, the header has 8")]
    [InlineData("S/P,100,500,501,502,499,{0},3", "field ticker: 'S/P'")]
    public async Task A_bad_aggregate_row_names_its_file_line_and_field_and_nothing_is_written(string bad, string expected)
    {
        var good = File("good.csv", $"ticker,volume,open,close,high,low,window_start,transactions\nQQQ,10,400,401,402,399,{Open},1\n");
        var broken = File("broken.csv", $"ticker,volume,open,close,high,low,window_start,transactions\nSPY,10,500,501,502,499,{Open},1\n{string.Format(System.Globalization.CultureInfo.InvariantCulture, bad, Open + Minute)}\n");

        var error = await Assert.ThrowsAsync<CsvImportException>(() => PolygonAggregatesImport.ImportAsync(Store, "broken", [good, broken], TimeSpan.FromMinutes(1)));

        Assert.StartsWith($"{broken}:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync("datasets/"));
    }

    [Fact]
    public async Task A_missing_column_or_a_repeated_bar_is_refused_by_name()
    {
        var missing = File("m.csv", "ticker,volume,open,close,high,low,transactions\nSPY,1,1,1,1,1,1\n");
        var noColumn = await Assert.ThrowsAsync<CsvImportException>(() => PolygonAggregatesImport.ImportAsync(Store, "m", [missing], TimeSpan.FromMinutes(1)));
        Assert.StartsWith($"{missing}:1: missing column window_start", noColumn.Message, StringComparison.Ordinal);

        var twice = File("t.csv", $"ticker,volume,open,close,high,low,window_start,transactions\nSPY,1,1,1,1,1,{Open},1\nSPY,2,1,1,1,1,{Open},1\n");
        var repeated = await Assert.ThrowsAsync<CsvImportException>(() => PolygonAggregatesImport.ImportAsync(Store, "t", [twice], TimeSpan.FromMinutes(1)));
        Assert.Equal($"{twice}:3: field window_start: a second SPY bar at {Open} (the first is at {twice}:2)", repeated.Message);
    }

    [Fact]
    public async Task Orats_strikes_become_an_option_chain_per_underlying_and_trade_date_with_zero_ivs_as_missing()
    {
        var csv = File("strikes.csv", """
            ticker,tradeDate,expirDate,dte,strike,stockPrice,callVolume,callOpenInterest,callBidSize,callAskSize,putVolume,putOpenInterest,putBidSize,putAskSize,callBidPrice,callValue,callAskPrice,putBidPrice,putValue,putAskPrice,callBidIv,callMidIv,callAskIv,smvVol,putBidIv,putMidIv,putAskIv,residualRate,delta,gamma,theta,vega,rho,phi,driftlessTheta,extSmvVol,extCallValue,extPutValue,updatedAt
            SPY,2024-01-03,2024-01-05,3,470,472.65,1200,5000,50,60,800,4000,40,45,3.1,3.12,3.15,0.45,0.46,0.47,0.18,0.185,0.19,0.17,0,0,0.2,0.05,0.71,0.05,-0.3,0.12,0.02,-0.02,-0.29,0.171,3.11,0.46,"2024-01-03T20:46:02Z"
            SPY,2024-01-03,2024-01-05,3,465,472.65,300,2000,20,25,500,3000,30,35,7.8,7.85,7.9,0.12,0.13,0.14,0.2,0.21,0.22,0.19,0.15,0.16,0.17,0.05,0.9,0.02,-0.2,0.05,0.01,-0.01,-0.19,0.191,7.86,0.13,2024-01-03T20:46:02Z
            """);

        var manifest = await OratsStrikesImport.ImportAsync(Store, "chains", [csv]);

        var partition = Assert.Single(manifest.Partitions);
        Assert.Equal(("options", "datasets/chains/date=2024-01-03/symbol=SPY/part-0.parquet"), (partition.Kind, partition.Key));
        var rows = await new DatasetReader(Store).ReadOptionsAsync(partition);
        Assert.Equal([465m, 470m], rows.Select(r => r.Strike)); // by expiry, then strike
        var atm = rows[1];
        Assert.Equal((3.1m, 3.15m, 0.45m, 0.47m, 472.65m), (atm.CallBid, atm.CallAsk, atm.PutBid, atm.PutAsk, atm.StockPrice));
        Assert.Equal((50L, 60L, 5000L, 4000L), (atm.CallBidSize, atm.CallAskSize, atm.CallOpenInterest, atm.PutOpenInterest));
        Assert.Equal(0.185, atm.CallMidIv);
        Assert.Null(atm.PutMidIv); // ORATS's 0: no IV
        Assert.Equal(0.71, atm.Delta);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 20, 46, 2, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, atm.UpdatedAtUnixNs);
        Assert.Null(await new DatasetReader(Store).ReadMarketAsync(partition)); // a chain is not a quote stream
    }

    [Fact]
    public async Task A_crossed_or_expired_strike_is_refused_with_its_line_and_field()
    {
        const string Header = "ticker,tradeDate,expirDate,strike,stockPrice,callBidPrice,callAskPrice,putBidPrice,putAskPrice\n";
        var crossed = File("c.csv", Header + "SPY,2024-01-03,2024-01-05,470,472.65,3.2,3.1,0.4,0.5\n");
        var error = await Assert.ThrowsAsync<CsvImportException>(() => OratsStrikesImport.ImportAsync(Store, "c", [crossed]));
        Assert.Equal($"{crossed}:2: field callBidPrice: '3.2' is above callAskPrice 3.1", error.Message);

        var expired = File("e.csv", Header + "SPY,2024-01-03,2024-01-05,470,472.65,3.1,3.2,0.4,0.5\nSPY,2024-01-03,2024-01-02,470,472.65,3.1,3.2,0.4,0.5\n");
        var old = await Assert.ThrowsAsync<CsvImportException>(() => OratsStrikesImport.ImportAsync(Store, "e", [expired]));
        Assert.Equal($"{expired}:3: field expirDate: '2024-01-02' is before the trade date 2024-01-03", old.Message);
        Assert.Empty(await Store.ListAsync("datasets/"));
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks_and_lines_count_from_the_header()
    {
        using var text = new StringReader("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row");
        var table = CsvTable.Read("q.csv", text, ["a", "b"]);

        Assert.Equal(["x, y", "two\nlines", "last"], table.Rows.Select(r => r.Text("a")));
        Assert.Equal("say \"hi\"", table.Rows[0].Text("b"));
        Assert.Equal([2, 3, 5], table.Rows.Select(r => r.Line));
        var unclosed = Assert.Throws<CsvImportException>(() => CsvTable.Read("u.csv", new StringReader("a\n\"open"), ["a"]).Rows.Count);
        Assert.Equal("u.csv:2: a quoted field is never closed", unclosed.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
