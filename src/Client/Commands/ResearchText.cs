using System.Globalization;
using System.Text;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Research;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Client.Commands;

/// <summary>What the research commands print, as pure functions of their records.</summary>
public static class ResearchText
{
    public static readonly IReadOnlyList<string> JobHeaders = ["JOB", "STATE", "DATASET", "SCENARIO", "TRIALS", "PROGRESS", "RETRIES", "SUBMITTED", "RESULTS"];

    public static readonly IReadOnlyList<string> TrialHeaders = ["TRIAL", "PARAMETERS", "RETURN", "SHARPE", "SORTINO", "MAX DD", "TURNOVER", "EXPOSURE", "TRADES"];

    /// <summary><c>[#########...........]  9/20 chunks</c></summary>
    public static string ProgressBar(int done, int total, int width = 30)
    {
        var filled = total == 0 ? width : (int)Math.Round((double)done * width / total);
        return $"[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} chunks";
    }

    public static IReadOnlyList<string> JobRow(ResearchJobRow row) =>
    [
        row.JobId, row.Error is null ? row.State : $"{row.State}: {row.Error}", row.Dataset, row.BaseScenario, Format.Count(row.Trials),
        $"{row.ChunksDone}/{row.ChunksTotal}", Format.Count(row.Retries), row.SubmittedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        row.ResultLocation ?? "-",
    ];

    public static string StatusLine(ResearchJobStatus status) => status.State switch
    {
        ResearchJobStatus.Running => $"{status.JobId}: {ProgressBar(status.ChunksDone, status.ChunksTotal)}, {status.Retries} retries",
        ResearchJobStatus.Completed => $"{status.JobId}: completed on {status.ChunksBySilo.Count} silos, results at {status.ResultLocation}",
        _ => $"{status.JobId}: {status.State}: {status.Error}",
    };

    /// <summary>The headline figures, then the trials best first (by annualised Sharpe ratio), at most <paramref name="top"/>.</summary>
    public static string Results(SweepSummary summary, int top)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var best = summary.Trials.Single(t => t.Index == summary.BestTrial);
        var text = new StringBuilder();
        text.Append(Output.RenderFields(
        [
            ("job", summary.JobId),
            ("dataset", summary.Dataset),
            ("scenario", summary.BaseScenario),
            ("trials", Format.Count(summary.Trials.Count)),
            ("best", $"{best.Id} ({Parameters(best)}), Sharpe {Ratio(best.Summary.Sharpe)}"),
            ("deflatedSharpe", Ratio(summary.DeflatedSharpe)),
            ("pbo", summary.Cscv is { } cscv ? Ratio(cscv.Pbo) : $"- ({summary.CscvSkipped ?? "the job did not ask for CSCV"})"),
            ("probabilityOfLoss", summary.Cscv is { } c ? Ratio(c.ProbabilityOfLoss) : "-"),
        ]));
        text.Append('\n');
        var rows = summary.Trials.OrderByDescending(t => t.Summary.Sharpe ?? double.NegativeInfinity).ThenBy(t => t.Index).Take(top)
            .Select(t => (IReadOnlyList<string>)[t.Id, Parameters(t), Percent(t.Summary.TotalReturn), Ratio(t.Summary.Sharpe), Ratio(t.Summary.Sortino),
                Percent(t.Summary.MaxDrawdown), Ratio(t.Summary.Turnover), Percent(t.Summary.Exposure), Format.Count(t.Summary.Trades)]);
        text.Append(Output.RenderTable(TrialHeaders, rows));
        return text.ToString();
    }

    /// <summary>A backtest's book and statistics, and for a recorded scenario its parity with the live journal.</summary>
    public static string Backtest(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fields = new List<(string, string)>
        {
            ("scenario", report.ScenarioId),
            ("dataset", report.Dataset),
            ("mode", report.Recorded ? $"recorded live inputs, in logged order ({Format.Count(report.Inputs)} inputs)" : "quotes merged by exchange time"),
            ("quotes", Format.Count(report.Quotes)),
            ("decisions", Format.Count(report.Decisions)),
            ("fills", Format.Count(report.Fills)),
            ("equity", $"{Format.Money(report.StartingEquity)} -> {Format.Money(report.FinalEquity)} ({Percent(report.TotalReturn)})"),
            ("sharpe", Ratio(report.Sharpe)),
            ("maxDrawdown", Percent(report.MaxDrawdown)),
            ("status", report.HaltReason is { } reason ? $"{report.FinalStatus} ({reason})" : report.FinalStatus),
        };
        if (report.Recorded)
        {
            fields.Add(("live", Parity(report)));
        }

        return Output.RenderFields(fields);
    }

    public static string Parity(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.LiveIdentical switch
        {
            null => "no live journal for this scenario here",
            true => $"{Format.Count(report.LiveCompared)} decisions identical to the live journal",
            false => $"diverges at decision {report.LiveDivergenceAt} after {Format.Count(report.LiveCompared)} identical: " +
                     $"live: {report.LiveJournaled ?? "(none)"} | backtest: {report.LiveReplayed ?? "(none)"}",
        };
    }

    public static readonly IReadOnlyList<string> FoldHeaders = ["FOLD", "TRAIN", "TEST", "CHOSEN", "PARAMETERS", "IS SHARPE", "IS RETURN", "OOS RETURN", "OOS TRADES"];

    /// <summary>Whether a published summary is a walk-forward analysis's (it names its kind) rather than a sweep's.</summary>
    public static bool IsWalkForward(string summaryJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(summaryJson);
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == WalkForwardSummary.KindName;
    }

    /// <summary>The out-of-sample figures, then one row per fold.</summary>
    public static string WalkForward(WalkForwardSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append(Output.RenderFields(
        [
            ("job", summary.JobId),
            ("dataset", summary.Dataset),
            ("scenario", summary.BaseScenario),
            ("folds", $"{Format.Count(summary.Folds.Count)} ({summary.Mode}, train {summary.TrainPeriods} x {summary.PeriodMinutes} min, test {summary.TestPeriods} x {summary.PeriodMinutes} min{(summary.Gap > 0 ? $", gap {summary.Gap}" : string.Empty)}) over {Format.Count(summary.Trials)} trials"),
            ("outOfSampleReturn", Percent(summary.OutOfSample.TotalReturn)),
            ("outOfSampleSharpe", Ratio(summary.OutOfSample.Sharpe)),
            ("outOfSampleMaxDrawdown", Percent(summary.OutOfSample.MaxDrawdown)),
            ("efficiency", Ratio(summary.Efficiency)),
        ]));
        text.Append('\n');
        text.Append(Output.RenderTable(FoldHeaders, summary.Folds.Select(f => (IReadOnlyList<string>)[
            Format.Count(f.Fold), $"{Format.UnixNs(f.TrainStartUnixNs)}..", $"{Format.UnixNs(f.TestStartUnixNs)}..{Format.UnixNs(f.TestEndUnixNs)}", f.ChosenId,
            string.Join(" ", f.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            Ratio(f.InSampleSharpe), Percent(f.InSampleReturn), Percent(f.OutOfSampleReturn), Format.Count(f.OutOfSampleTrades)])));
        return text.ToString();
    }

    public static string Parameters(TrialSummary trial) => string.Join(" ", trial.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static string Ratio(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    public static string Percent(double value) => (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
