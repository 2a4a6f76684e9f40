namespace Aegis.Domain.Scenarios;

/// <summary>An operator (or system) command to a scenario; logged as an input so a replay applies it at the same point.</summary>
public enum ScenarioCommand
{
    Create,
    Pause,
    Resume,
    Halt,
    Retire,
}
