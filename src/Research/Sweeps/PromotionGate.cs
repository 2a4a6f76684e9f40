using System.Globalization;

namespace Aegis.Research.Sweeps;

/// <summary>
/// Whether a sweep's chosen trials may become live scenarios: the sweep must have CSCV, its probability of backtest
/// overfitting must not exceed <c>maxPbo</c>, and each chosen trial's Deflated Sharpe ratio must reach <c>minDsr</c>.
/// Every reason to refuse is given, in words.
/// </summary>
public static class PromotionGate
{
    public const double DefaultMaxPbo = 0.5;

    public const double DefaultMinDeflatedSharpe = 0.95;

    public static IReadOnlyList<string> Refusals(SweepSummary summary, IReadOnlyList<TrialSummary> chosen, double maxPbo, double minDeflatedSharpe)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(chosen);
        var refusals = new List<string>();
        if (summary.Cscv is not { } cscv)
        {
            refusals.Add($"job {summary.JobId} has no CSCV ({summary.CscvSkipped ?? "it was run without --cscv-splits"}): the probability of overfitting is unknown");
        }
        else if (cscv.Pbo > maxPbo)
        {
            refusals.Add($"PBO {F(cscv.Pbo)} is above the limit {F(maxPbo)}: the sweep's in-sample best is likely overfit");
        }

        foreach (var trial in chosen)
        {
            if (trial.DeflatedSharpe is not { } dsr)
            {
                refusals.Add($"trial {trial.Id}: no Deflated Sharpe ratio (too few trials or periods)");
            }
            else if (dsr < minDeflatedSharpe)
            {
                refusals.Add($"trial {trial.Id}: Deflated Sharpe {F(dsr)} is below the limit {F(minDeflatedSharpe)}");
            }
        }

        return refusals;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
