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
    // The live build, asked again at most this often: each twin compares every step.
    private static readonly TimeSpan BuildRefresh = TimeSpan.FromSeconds(30);
    private ParityReport? _report;
    private long _lastCompared;
    private string? _liveBuild;
    private DateTimeOffset _liveBuildReadAt;

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
        if (_liveBuild is null || time.GetUtcNow() - _liveBuildReadAt > BuildRefresh)
        {
            _liveBuild = await builds.ReadLaneBuildAsync("live") ?? "unknown";
            _liveBuildReadAt = time.GetUtcNow();
        }

        var liveBuild = _liveBuild;
        var now = time.GetUtcNow().UtcDateTime;
        var comparison = ParityComparer.Compare(live, shadow, _lastCompared, liveBuild, build.Version, now);
        var found = comparison.Divergences;
        var updated = new ParityReport(ScenarioId, liveBuild, build.Version, report.Compared + comparison.Compared, report.Matched + comparison.Matched,
            report.Divergences + found.Count, throughInput, report.First ?? found.FirstOrDefault(), now);
        string? alert = null;
        if (found.Count > 0)
        {
            var first = found[0];
            alert = $"shadow build {build.Version} diverges from live build {liveBuild} on scenario '{ScenarioId}' at decision {first.DecisionSequence} " +
                $"(input {first.InputSequence}; {found.Count} new divergence(s), {updated.Divergences} in all): live [{first.Live}] shadow [{first.Shadow}]";
            LogDiverged(logger, alert);
        }

        await store.SaveAsync(updated, comparison.LastCompared, found, alert);
        metrics.Compared(ScenarioId, comparison.Compared, found.Count);
        _report = updated;
        _lastCompared = comparison.LastCompared;
        return updated;
    }

    private ParityReport Empty() => new(ScenarioId, "unknown", build.Version, 0, 0, 0, 0, null, time.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Error, Message = "Parity: {Divergence}")]
    private static partial void LogDiverged(ILogger logger, string divergence);
}
