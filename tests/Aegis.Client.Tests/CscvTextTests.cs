using Aegis.Client.Commands;
using Aegis.Research.Overfitting;

namespace Aegis.Client.Tests;

public sealed class CscvTextTests
{
    // The reference's vector C (returns × 1000), four trials over eight periods.
    private static readonly ReturnMatrix VectorC = new(8, 4,
    [
        -44, 69, 32, -62, -22, -6, -35, 20, 3, -88, -52, 73, 64, 24, -34, 98,
        -22, 62, 68, -64, 19, -50, 97, 20, -27, -83, 56, 48, 93, -5, 83, 42,
    ]);

    [Fact]
    public void The_text_names_each_figure_as_the_json_does_and_charts_every_combination_once()
    {
        var report = CscvReport.From(Cscv.Analyze(VectorC, 4, CscvMetric.Mean));

        var text = CscvText.Render(report);

        Assert.Matches(@"(?m)^  pbo +0\.6666666667$", text);
        Assert.Matches(@"(?m)^  probabilityOfLoss +0\.3333333333$", text);
        Assert.Matches(@"(?m)^  degradationSlope +-0\.94208", text);
        Assert.Matches(@"(?m)^  degradationIntercept +46\.04", text);
        Assert.Equal(6, report.LambdaHistogram.Sum(b => b.Count));
        Assert.Equal(report.Lambdas.Min(), report.LambdaHistogram[0].From);
        Assert.Equal(report.Lambdas.Max(), report.LambdaHistogram[^1].To);
    }

    [Fact]
    public void A_missing_degradation_prints_a_dash_and_equal_lambdas_make_one_bin()
    {
        Assert.Equal("-", CscvText.Number(null));
        var single = LambdaBin.Histogram([0.5, 0.5, 0.5], 10);
        Assert.Equal(3, Assert.Single(single).Count);
    }
}
