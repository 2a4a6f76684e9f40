namespace Aegis.Domain.Scenarios;

/// <summary>Lifecycle of a scenario. Only <see cref="Running"/> lets the strategy act.</summary>
public enum ScenarioStatus
{
    Running = 0,
    /// <summary>Stopped by an operator; prices are still marked.</summary>
    Paused = 1,
    /// <summary>Stopped by risk (daily loss) or an operator; resumes only explicitly.</summary>
    Halted = 2,
    /// <summary>Terminal: never trades again.</summary>
    Retired = 3,
}
