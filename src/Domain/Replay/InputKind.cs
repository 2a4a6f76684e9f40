namespace Aegis.Domain.Replay;

/// <summary>What a scenario input is.</summary>
public enum InputKind
{
    /// <summary>A run of quotes of one instrument from one source.</summary>
    Quotes,

    /// <summary>A strategy timer at an event time.</summary>
    Timer,

    /// <summary>An operator or system command (<see cref="Scenarios.ScenarioCommand"/>).</summary>
    Command,
}
