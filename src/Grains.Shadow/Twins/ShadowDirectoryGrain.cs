using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Persistence;

namespace Aegis.Grains.Shadow.Twins;

/// <summary>The shadow lane's list of twins (see <see cref="IShadowDirectoryGrain"/>): the live lane's recorded specs are the list.</summary>
public sealed class ShadowDirectoryGrain(ScenarioSpecs specs, SiloBuildLog builds) : Grain, IShadowDirectoryGrain
{
    public async Task<int> Refresh()
    {
        var ids = await specs.ReadIdsAsync();
        await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IShadowScenarioGrain>(id).Follow()));
        return ids.Count;
    }

    public async Task<ShadowOverview> GetOverview()
    {
        var ids = await specs.ReadIdsAsync();
        var twins = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IShadowScenarioGrain>(id).GetStatus()));
        var silos = await builds.ReadActiveAsync();
        return new ShadowOverview([.. silos.Select(s => new SiloBuildView(s.Lane, s.Silo, s.Build, s.StartedAtUtc, true))], twins);
    }

    public async Task<IReadOnlyList<ParityReport>> GetParity()
    {
        var ids = await specs.ReadIdsAsync();
        var reports = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IParityGrain>(id).GetReport()));
        return reports;
    }
}
