using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Grains.Live;

/// <summary>The live lane's scenario list and kill switch. Thin: each scenario owns its own state.</summary>
public sealed class ScenarioDirectoryGrain(
    [PersistentState(StorageNames.ScenarioDirectory, StorageNames.Postgres)] IPersistentState<ScenarioDirectoryState> state,
    StrategyCatalog strategies)
    : Grain, IScenarioDirectoryGrain
{
    public async Task<ScenarioCommandResult> Create(string specText)
    {
        var read = ScenarioSpecReader.Read(specText, strategies);
        if (read.Spec is not { } spec)
        {
            return new ScenarioCommandResult(false, read.Errors, null);
        }

        if (state.State.ScenarioIds.Contains(spec.Id))
        {
            return ScenarioCommandResult.Refused($"scenario '{spec.Id}' already exists");
        }

        var result = await GrainFactory.GetGrain<IScenarioGrain>(spec.Id).Create(specText);
        if (result.Succeeded)
        {
            state.State.ScenarioIds.Add(spec.Id);
            await state.WriteStateAsync();
        }

        return result;
    }

    public async Task<IReadOnlyList<ScenarioSummary>> List()
    {
        var summaries = await Task.WhenAll(state.State.ScenarioIds.Select(id => GrainFactory.GetGrain<IScenarioGrain>(id).GetSummary()));
        return summaries.OfType<ScenarioSummary>().ToArray();
    }

    public Task<bool> Exists(string scenarioId) => Task.FromResult(state.State.ScenarioIds.Contains(scenarioId));

    public async Task<IReadOnlyList<string>> KillSwitch(string reason)
    {
        var ids = state.State.ScenarioIds.ToArray();
        var results = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IScenarioGrain>(id).Halt(reason)));
        return ids.Where((_, i) => results[i].Succeeded).ToArray();
    }
}
