namespace Aegis.Grains.Interfaces.Live;

/// <summary>The list of scenarios of the live lane (one instance, key <see cref="Key"/>), and the kill switch.</summary>
public interface IScenarioDirectoryGrain : IGrainWithStringKey
{
    const string Key = "live";

    /// <summary>Validates the spec, creates the scenario and lists it.</summary>
    Task<ScenarioCommandResult> Create(string specText);

    Task<IReadOnlyList<ScenarioSummary>> List();

    Task<bool> Exists(string scenarioId);

    /// <summary>Halts every running or paused scenario; returns the ids halted.</summary>
    Task<IReadOnlyList<string>> KillSwitch(string reason);
}
