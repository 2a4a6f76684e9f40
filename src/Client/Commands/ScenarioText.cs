using System.Globalization;
using System.Text;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Commands;

/// <summary>What <c>aegis scenarios</c> prints, as pure functions of the contract records.</summary>
public static class ScenarioText
{
    public static readonly IReadOnlyList<string> ListHeaders =
        ["ID", "STRATEGY", "STATUS", "FILLS", "CASH", "REALIZED", "UNREALIZED", "EQUITY", "LAG", "HALT REASON"];

    public static IReadOnlyList<string> ListRow(ScenarioSummary s) =>
    [
        s.Id, s.Strategy, s.Status, Format.Count(s.Fills), Format.Money(s.Cash), Format.Money(s.RealizedPnl),
        Format.Money(s.UnrealizedPnl), Format.Money(s.Equity), Lag(s), s.HaltReason ?? "-",
    ];

    /// <summary>Quotes waiting for the scenario and the age of the oldest; "0" when it keeps up, "?" while a feed cannot be asked.</summary>
    public static string Lag(ScenarioSummary s) => s.LagQuotes switch
    {
        0 => "0",
        < 0 => "?",
        _ => $"{Format.Count(s.LagQuotes)} quotes, {Format.Staleness(s.LagSeconds)}",
    };

    /// <summary>One line per reason, each starting <c>aegis: PREFIX: </c>; a refusal without reasons still says so.</summary>
    public static IReadOnlyList<string> RefusalLines(string prefix, IReadOnlyList<string> errors) =>
        errors.Count == 0 ? [$"aegis: {prefix}: refused without a reason"] : errors.Select(e => $"aegis: {prefix}: {e}").ToList();

    public static string Details(ScenarioDetails details)
    {
        var s = details.Summary;
        var text = new StringBuilder();
        text.Append("scenario ").Append(s.Id).Append(s.Name == s.Id || s.Name.Length == 0 ? "" : $" ({s.Name})").Append('\n');
        text.Append(Output.RenderFields(
        [
            ("strategy", s.Strategy),
            ("status", s.HaltReason is null ? s.Status : $"{s.Status} ({s.HaltReason})"),
            ("instruments", s.Instruments.Count == 0 ? "-" : string.Join(", ", s.Instruments)),
            ("cash", Format.Money(s.Cash)),
            ("realized", Format.Money(s.RealizedPnl)),
            ("unrealized", Format.Money(s.UnrealizedPnl)),
            ("equity", Format.Money(s.Equity)),
            ("commissions", Format.Money(s.Commissions)),
            ("fills", Format.Count(s.Fills)),
            ("open orders", Format.Count(s.OpenOrders)),
            ("quotes processed", Format.Count(s.QuotesProcessed)),
            ("duplicate quotes", Format.Count(details.DuplicateQuotes)),
            ("orders throttled", Format.Count(details.ThrottledOrders)),
            ("decisions", Format.Count(s.Decisions)),
            ("last quote", Format.OptionalUnixNs(s.LastQuoteTimeUnixNs)),
            ("lag", Lag(s)),
        ]));

        text.Append("\nparameters\n");
        text.Append(details.Parameters.Count == 0
            ? "  (none)\n"
            : Output.RenderFields(details.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))));

        // Per-position unrealized P&L needs the contract multiplier, which PositionView does not carry:
        // the summary's UNREALIZED above is the scenario's own figure.
        Section(text, "positions", ["INSTRUMENT", "QTY", "AVG COST", "MARK", "REALIZED"], details.Positions.Select(p => (IReadOnlyList<string>)
            [p.InstrumentId, Format.Count(p.Quantity), Format.Price(p.AverageCost), Format.Price(p.Mark), Format.Money(p.RealizedPnl)]));
        Section(text, "open orders", ["ORDER", "INSTRUMENT", "SIDE", "QTY", "TYPE", "LIMIT", "TIF"], details.OpenOrders.Select(o => (IReadOnlyList<string>)
            [o.ClientOrderId, o.InstrumentId, o.Side, Format.Count(o.Quantity), o.Type, Format.Price(o.LimitPrice), o.TimeInForce]));
        Section(text, "recent fills", ["TIME (UTC)", "FILL", "ORDER", "INSTRUMENT", "SIDE", "QTY", "PRICE", "COMMISSION"], details.RecentFills.Select(f => (IReadOnlyList<string>)
            [Format.UnixNs(f.TimeUnixNs), f.FillId, f.ClientOrderId, f.InstrumentId, f.Side, Format.Count(f.Quantity), Format.Price(f.Price), Format.Money(f.Commission)]));
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var materialised = rows.ToList();
        text.Append('\n').Append(title).Append('\n');
        text.Append(materialised.Count == 0 ? "  (none)\n" : Output.RenderTable(headers, materialised));
    }

    /// <summary>What <c>aegis scenarios replay</c> prints: "N decisions identical", or the first divergence with both sides.</summary>
    public static IReadOnlyList<string> ReplayLines(ScenarioReplayResult result)
    {
        var replayed = string.Create(CultureInfo.InvariantCulture, $"({result.InputsReplayed} inputs, {result.QuotesReplayed} quotes replayed)");
        if (result.Error is { } error)
        {
            return [$"scenario {result.ScenarioId}: replay stopped after {result.DecisionsCompared} identical decisions {replayed}: {error}"];
        }

        if (result.Identical)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"{result.DecisionsCompared} decisions identical {replayed}")];
        }

        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"scenario {result.ScenarioId} diverges at decision {result.DivergenceDecisionSequence} (input {result.DivergenceInputSequence}) after {result.DecisionsCompared} identical decisions {replayed}"),
            $"  journal: {result.Journaled ?? "(no decision)"}",
            $"  replay:  {result.Replayed ?? "(no decision)"}",
        ];
    }
}
