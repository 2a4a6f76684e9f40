using System.Globalization;
using System.Text;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Shadow;

namespace Aegis.Client.Commands;

/// <summary>What <c>aegis shadow</c> prints, as pure functions of the contract records.</summary>
public static class ShadowText
{
    public static readonly IReadOnlyList<string> SiloHeaders = ["LANE", "SILO", "BUILD", "STARTED"];

    public static readonly IReadOnlyList<string> TwinHeaders = ["SCENARIO", "TWIN", "STATUS", "INPUT", "LIVE INPUT", "LAG", "DECISIONS", "BUILD"];

    public static readonly IReadOnlyList<string> ParityHeaders = ["SCENARIO", "PARITY", "COMPARED", "MATCHED", "DIVERGENCES", "THROUGH INPUT", "LIVE BUILD", "SHADOW BUILD"];

    public static readonly IReadOnlyList<string> DivergenceHeaders = ["DECISION", "INPUT", "LIVE", "SHADOW"];

    public static IReadOnlyList<string> SiloRow(SiloBuildView s) =>
        [s.Lane, s.Silo, s.Build, s.StartedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];

    public static IReadOnlyList<string> TwinRow(ShadowTwinStatus t) =>
    [
        t.ScenarioId, t.Failure is null ? t.State : $"{t.State}: {t.Failure}", t.ScenarioStatus, Format.Count(t.InputSequence),
        Format.Count(t.LiveInputSequence), Lag(t), Format.Count(t.DecisionSequence), t.Build,
    ];

    /// <summary>"0" when caught up, else the inputs not taken yet and the exchange time they span.</summary>
    public static string Lag(ShadowTwinStatus t) =>
        t.LagInputs == 0 ? "0" : $"{Format.Count(t.LagInputs)} inputs, {Format.Staleness(t.LagSeconds)}";

    /// <summary>Matched share of compared decisions with two decimals; a share below 100 never rounds up to it.</summary>
    public static string Percent(ParityReport r)
    {
        var percent = Math.Floor(r.ParityPercent * 100) / 100;
        return percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";
    }

    public static IReadOnlyList<string> ParityRow(ParityReport r) =>
    [
        r.ScenarioId, Percent(r), Format.Count(r.Compared), Format.Count(r.Matched), Format.Count(r.Divergences),
        Format.Count(r.ThroughInput), r.LiveBuild, r.ShadowBuild,
    ];

    public static IReadOnlyList<string> DivergenceRow(ParityDivergence d) =>
        [Format.Count(d.DecisionSequence), Format.Count(d.InputSequence), d.Live, d.Shadow];

    /// <summary>One scenario's report, with its first divergence side by side.</summary>
    public static string Details(ParityReport r)
    {
        var text = new StringBuilder();
        text.Append("parity of ").Append(r.ScenarioId).Append('\n');
        text.Append(Output.RenderFields(
        [
            ("parity", Percent(r)),
            ("compared", Format.Count(r.Compared)),
            ("matched", Format.Count(r.Matched)),
            ("divergences", Format.Count(r.Divergences)),
            ("through input", Format.Count(r.ThroughInput)),
            ("live build", r.LiveBuild),
            ("shadow build", r.ShadowBuild),
            ("updated", r.UpdatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]));
        if (r.First is { } first)
        {
            text.Append("\nfirst divergence: decision ").Append(Format.Count(first.DecisionSequence))
                .Append(", input ").Append(Format.Count(first.InputSequence)).Append('\n');
            text.Append(Output.RenderFields([("live", first.Live), ("shadow", first.Shadow)]));
        }

        return text.ToString();
    }
}
