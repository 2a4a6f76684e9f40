using Aegis.Domain.Replay;

namespace Aegis.Datasets;

/// <summary>What a dataset recorded from the live lane keeps of one scenario: its spec as created and its input log from input 1, in order.</summary>
public sealed record RecordedScenarioLog(string ScenarioId, string SpecText, IReadOnlyList<ScenarioInput> Inputs);
