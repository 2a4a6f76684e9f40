namespace Aegis.Grains.Live;

/// <summary>Persisted list of the live lane's scenario ids, in creation order.</summary>
public sealed class ScenarioDirectoryState
{
    public List<string> ScenarioIds { get; set; } = [];
}
