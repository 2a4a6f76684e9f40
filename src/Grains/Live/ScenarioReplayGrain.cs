using Aegis.Domain.Instruments;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Live;
using Aegis.Grains.Persistence;
using Orleans.Concurrency;

namespace Aegis.Grains.Live;

/// <summary>Replays a scenario from its creation over its durable inputs and compares with its journal (see <see cref="IScenarioReplayGrain"/>).</summary>
[StatelessWorker]
public sealed class ScenarioReplayGrain(InstrumentCatalog catalog, StrategyCatalog strategies, ScenarioRecovery recovery) : Grain, IScenarioReplayGrain
{
    public async Task<ScenarioReplayResult?> Replay(long fromDecision, long toDecision)
    {
        var scenarioId = this.GetPrimaryKeyString();
        if (await GrainFactory.GetGrain<IScenarioGrain>(scenarioId).GetSpec() is not { } specText)
        {
            return null;
        }

        var spec = ScenarioSpecReader.Read(specText, strategies).Spec
            ?? throw new InvalidOperationException($"stored spec of scenario '{scenarioId}' no longer parses");
        var runner = new ScenarioRunner(new ScenarioEngine(spec, catalog.Find, strategies.CreateFor(spec)));
        var report = await recovery.ReplayAsync(runner, scenarioId, Math.Max(1, fromDecision), toDecision <= 0 ? long.MaxValue : toDecision);
        var divergence = report.Divergence;
        return new ScenarioReplayResult(scenarioId, report.InputsReplayed, report.QuotesReplayed, report.DecisionsCompared, report.Identical,
            divergence?.DecisionSequence, divergence?.InputSequence, divergence?.Journaled, divergence?.Replayed, report.Error);
    }
}
