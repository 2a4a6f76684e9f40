using Aegis.Client.Commands;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class FeedTextTests
{
    [Fact]
    public void List_row_sums_rejections_over_every_reason() =>
        Assert.Equal(
            ["AAPL", "189.10", "189.12", "42", "1000", "3", "2", "7", "2", "12.3", "0.3s"],
            FeedText.ListRow(Samples.Feed(last: Samples.Quote(42), rejected: new() { ["crossed"] = 5, ["non-positive price"] = 2 })));

    [Fact]
    public void List_row_of_a_feed_without_quotes_prints_dashes()
    {
        var row = FeedText.ListRow(Samples.Feed(last: null) with { StalenessSeconds = null });

        Assert.Equal(["-", "-", "-"], row.Skip(1).Take(3));
        Assert.Equal("-", row[^1]);
    }

    [Fact]
    public void Default_instruments_are_the_sorted_union_of_what_scenarios_watch() =>
        Assert.Equal(
            ["AAPL", "MSFT", "SPY"],
            FeedText.Instruments([], [Samples.Summary("a", null, "SPY", "AAPL"), Samples.Summary("b", null, "AAPL", "MSFT")]));

    [Fact]
    public void Requested_instruments_win_over_the_scenarios() =>
        Assert.Equal(["TSLA"], FeedText.Instruments(["TSLA"], [Samples.Summary("a", null, "SPY")]));

    [Fact]
    public void Quote_line_shows_iso_time_sequence_prices_sizes_and_source() =>
        Assert.Equal("2023-11-14T22:13:20.007Z  seq 7  189.10 x 189.12  300 x 500  replay", FeedText.QuoteLine(Samples.Quote(7)));

    [Fact]
    public void Follow_prints_only_quotes_above_the_last_sequence_oldest_first() =>
        Assert.Equal([11L, 12L], FeedText.NewerThan([Samples.Quote(12), Samples.Quote(9), Samples.Quote(10), Samples.Quote(11)], 10).Select(q => q.Sequence));

    [Fact]
    public void Details_list_rejections_by_reason_most_frequent_first()
    {
        var text = FeedText.Details(Samples.Feed(last: Samples.Quote(42), rejected: new() { ["crossed"] = 2, ["stale"] = 9 }));

        Assert.StartsWith("feed AAPL\n", text, StringComparison.Ordinal);
        Assert.Contains("  rejected       11\n", text, StringComparison.Ordinal);
        Assert.EndsWith("rejections by reason\n  stale    9\n  crossed  2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_line_reports_progress_and_the_last_error()
    {
        Assert.Equal(
            "replay running: 1200 quotes published, cursor 2023-11-14T22:13:20.000Z, loop 2, speed 10x",
            ReplayCommands.Line(new ReplayStatus(true, 1200, 1_700_000_000_000_000_000, 2, 10, null)));
        Assert.EndsWith(", last error: tape missing", ReplayCommands.Line(new ReplayStatus(false, 0, 0, 0, 1, "tape missing")), StringComparison.Ordinal);
    }
}
