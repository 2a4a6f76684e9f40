namespace Aegis.Grains.Persistence;

/// <summary>
/// A journal append met a different row at the same sequence: another activation of the scenario (a
/// duplicate) or another build wrote something else there. Never ignored: the scenario halts.
/// </summary>
public sealed class JournalDivergenceException(string scenarioId, string message) : Exception(message)
{
    public string ScenarioId { get; } = scenarioId;
}
