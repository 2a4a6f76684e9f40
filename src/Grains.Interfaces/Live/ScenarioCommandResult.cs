namespace Aegis.Grains.Interfaces.Live;

/// <summary>The outcome of a scenario command: refusals are values with reasons, not exceptions.</summary>
[GenerateSerializer, Immutable]
public sealed record ScenarioCommandResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] IReadOnlyList<string> Errors,
    [property: Id(2)] ScenarioSummary? Scenario)
{
    public static ScenarioCommandResult Ok(ScenarioSummary scenario) => new(true, [], scenario);

    public static ScenarioCommandResult Refused(params string[] errors) => new(false, errors, null);
}
