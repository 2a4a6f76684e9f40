using System.Text;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Commands;

/// <summary>What <c>aegis feeds</c> and <c>aegis quotes</c> print, as pure functions of the contract records.</summary>
public static class FeedText
{
    public static readonly IReadOnlyList<string> ListHeaders =
        ["INSTRUMENT", "LAST BID", "LAST ASK", "SEQ", "ACCEPTED", "DUPLICATES", "OUT-OF-ORDER", "REJECTED", "SUBSCRIBERS", "RATE/S", "STALENESS"];

    public static IReadOnlyList<string> ListRow(FeedStatus f) =>
    [
        f.InstrumentId, Format.Price(f.LastQuote?.Bid), Format.Price(f.LastQuote?.Ask),
        f.LastQuote is { } last ? Format.Count(last.Sequence) : "-",
        Format.Count(f.Accepted), Format.Count(f.Duplicates), Format.Count(f.OutOfOrder), Format.Count(Rejected(f)),
        Format.Count(f.Subscribers), Format.Rate(f.QuotesPerSecond), Format.Staleness(f.StalenessSeconds),
    ];

    public static long Rejected(FeedStatus f) => f.RejectedByReason.Values.Sum();

    /// <summary>The instruments <c>aegis feeds list</c> covers: those asked for, else every instrument a scenario watches.</summary>
    public static IReadOnlyList<string> Instruments(IReadOnlyList<string> requested, IEnumerable<ScenarioSummary> scenarios) =>
        requested.Count > 0
            ? requested
            : scenarios.SelectMany(s => s.Instruments).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static string Details(FeedStatus f)
    {
        var text = new StringBuilder();
        text.Append("feed ").Append(f.InstrumentId).Append('\n');
        text.Append(Output.RenderFields(
        [
            ("last quote", f.LastQuote is { } q ? QuoteLine(q) : "-"),
            ("accepted", Format.Count(f.Accepted)),
            ("duplicates", Format.Count(f.Duplicates)),
            ("out of order", Format.Count(f.OutOfOrder)),
            ("rejected", Format.Count(Rejected(f))),
            ("subscribers", Format.Count(f.Subscribers)),
            ("rate", Format.Rate(f.QuotesPerSecond) + " quotes/s"),
            ("staleness", Format.Staleness(f.StalenessSeconds)),
            ("samples taken", Format.Count(f.SamplesTaken)),
        ]));
        text.Append("\nrejections by reason\n");
        text.Append(f.RejectedByReason.Count == 0
            ? "  (none)\n"
            : Output.RenderFields(f.RejectedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => (r.Key, Format.Count(r.Value)))));
        return text.ToString();
    }

    /// <summary><c>2026-01-16T14:30:00.123Z  seq 42  189.10 x 189.12  300 x 500  replay</c>.</summary>
    public static string QuoteLine(QuoteView q) =>
        $"{Format.UnixNs(q.ExchangeTimeUnixNs)}  seq {Format.Count(q.Sequence)}  {Format.Price(q.Bid)} x {Format.Price(q.Ask)}  " +
        $"{Format.Count(q.BidSize)} x {Format.Count(q.AskSize)}  {q.Source}";

    /// <summary>The quotes of a poll not printed yet (sequence above <paramref name="lastSequence"/>), oldest first.</summary>
    public static IReadOnlyList<QuoteView> NewerThan(IEnumerable<QuoteView> quotes, long lastSequence) =>
        quotes.Where(q => q.Sequence > lastSequence).OrderBy(q => q.Sequence).ToList();
}
