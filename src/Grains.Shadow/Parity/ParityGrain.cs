using Aegis.Domain.Replay;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Persistence;
using Aegis.Grains.Shadow.Telemetry;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Shadow.Parity;

/// <summary>
/// Parity of one scenario (see <see cref="IParityGrain"/>). Its state is its report row, saved with the divergences
/// it counts. Decisions are compared by their number: once the twin has taken every input up to N, both journals
/// hold every decision caused by those inputs (the live lane journals an input with its decisions), so decision k
/// of either lane is final if it exists with an input up to N, and will never exist otherwise.
/// </summary>
public sealed partial class ParityGrain(
    DecisionJournal liveJournal,
    ShadowJournal shadowJournal,
    ParityStore store,
    SiloBuildLog builds,
    SiloBuild build,
    ShadowLaneMetrics metrics,
    TimeProvider time,
    ILogger<ParityGrain> logger) : Grain, IParityGrain
{
    private const string None = "(none)";
    private ParityReport? _report;
    private long _lastCompared;

    private string ScenarioId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(ScenarioId, cancellationToken) is var (report, lastCompared))
        {
            _report = report;
            _lastCompared = lastCompared;
        }
    }

    public Task<ParityReport> GetReport() => Task.FromResult(_report ?? Empty());

    public Task<IReadOnlyList<ParityDivergence>> GetDivergences(int max) => store.ReadDivergencesAsync(ScenarioId, Math.Clamp(max, 1, 10_000));

    public async Task<ParityReport> Compare(long throughInput)
    {
        var report = _report ?? Empty();
        if (throughInput <= report.ThroughInput)
        {
            return report;
        }

        var live = await liveJournal.ReadAfterAsync(ScenarioId, _lastCompared, throughInput);
        var shadow = await shadowJournal.ReadAfterAsync(ScenarioId, _lastCompared, throughInput);
        var liveBuild = await builds.ReadLaneBuildAsync("live") ?? "unknown";
        var now = time.GetUtcNow().UtcDateTime;
        var found = new List<ParityDivergence>();
        long compared = 0, matched = 0, last = _lastCompared;
        for (int l = 0, s = 0; l < live.Count || s < shadow.Count;)
        {
            var sequence = Math.Min(l < live.Count ? live[l].DecisionSequence : long.MaxValue, s < shadow.Count ? shadow[s].DecisionSequence : long.MaxValue);
            var liveDecision = l < live.Count && live[l].DecisionSequence == sequence ? live[l++] : null;
            var shadowDecision = s < shadow.Count && shadow[s].DecisionSequence == sequence ? shadow[s++] : null;
            compared++;
            last = sequence;
            if (liveDecision is not null && shadowDecision is not null && liveDecision.InputSequence == shadowDecision.InputSequence
                && DecisionComparer.AreEqual(liveDecision.Decision, shadowDecision.Decision))
            {
                matched++;
                continue;
            }

            found.Add(new ParityDivergence(sequence, (liveDecision ?? shadowDecision)!.InputSequence,
                Render(liveDecision), Render(shadowDecision), liveBuild, build.Version, now));
        }

        var updated = new ParityReport(ScenarioId, liveBuild, build.Version, report.Compared + compared, report.Matched + matched,
            report.Divergences + found.Count, throughInput, report.First ?? found.FirstOrDefault(), now);
        string? alert = null;
        if (found.Count > 0)
        {
            var first = found[0];
            alert = $"shadow build {build.Version} diverges from live build {liveBuild} on scenario '{ScenarioId}' at decision {first.DecisionSequence} " +
                $"(input {first.InputSequence}; {found.Count} new divergence(s), {updated.Divergences} in all): live [{first.Live}] shadow [{first.Shadow}]";
            LogDiverged(logger, alert);
        }

        await store.SaveAsync(updated, last, found, alert);
        metrics.Compared(ScenarioId, compared, found.Count);
        _report = updated;
        _lastCompared = last;
        return updated;
    }

    private static string Render(RecordedDecision? decision) =>
        decision is null ? None : $"input {decision.InputSequence}: {DecisionComparer.Describe(decision.Decision)}";

    private ParityReport Empty() => new(ScenarioId, "unknown", build.Version, 0, 0, 0, 0, null, time.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Error, Message = "Parity: {Divergence}")]
    private static partial void LogDiverged(ILogger logger, string divergence);
}
