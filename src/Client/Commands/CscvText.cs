using System.Globalization;
using System.Text;
using Aegis.Client.Infrastructure;

namespace Aegis.Client.Commands;

/// <summary>What <c>aegis bt cscv</c> prints for people: the figures, then the λ distribution as a bar chart.</summary>
public static class CscvText
{
    private const int BarWidth = 40;

    public static string Render(CscvReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(Output.RenderFields(
        [
            ("metric", report.Metric),
            ("periods", report.RowsDropped == 0 ? Format.Count(report.Periods) : $"{Format.Count(report.Periods)} (the first {report.RowsDropped} left out)"),
            ("trials", Format.Count(report.Trials)),
            ("splits", $"{report.Splits} ({Format.Count(report.Combinations)} combinations)"),
            ("pbo", Number(report.Pbo)),
            ("probabilityOfLoss", Number(report.ProbabilityOfLoss)),
            ("degradationSlope", Number(report.DegradationSlope)),
            ("degradationIntercept", Number(report.DegradationIntercept)),
            ("dominance", $"first order {YesNo(report.StochasticDominance.DominatesFirstOrder)}, second order {YesNo(report.StochasticDominance.DominatesSecondOrder)}"),
        ]));
        text.Append("\nλ distribution (logit of the in-sample best trial's out-of-sample relative rank; λ ≤ 0 counts as overfit):\n");
        var most = report.LambdaHistogram.Max(b => b.Count);
        var labels = report.LambdaHistogram.Select(b => $"[{b.From,7:F3}, {b.To,7:F3}{(b == report.LambdaHistogram[^1] ? "]" : ")")}").ToList();
        for (var k = 0; k < labels.Count; k++)
        {
            var count = report.LambdaHistogram[k].Count;
            var bar = new string('#', most == 0 ? 0 : (int)Math.Round((double)count * BarWidth / most));
            text.Append("  ").Append(labels[k]).Append("  ").Append(bar.PadRight(BarWidth)).Append("  ").Append(Format.Count(count)).Append('\n');
        }

        return text.ToString();
    }

    public static string Number(double? value) => value is { } v ? v.ToString("0.##########", CultureInfo.InvariantCulture) : "-";

    private static string YesNo(bool value) => value ? "yes" : "no";
}
