namespace Aegis.Domain.Replay;

/// <summary>The first place a replay and a journal disagree, both sides rendered by <see cref="DecisionComparer.Describe"/>.</summary>
/// <param name="DecisionSequence">The decision number where they part.</param>
/// <param name="InputSequence">The input being replayed there (0 when the journal has a decision the replay did not make at the end).</param>
/// <param name="Journaled">The journal's decision, or null if the journal has none there.</param>
/// <param name="Replayed">The replay's decision, or null if the replay made none there.</param>
public sealed record ReplayDivergence(long DecisionSequence, long InputSequence, string? Journaled, string? Replayed)
{
    public override string ToString() =>
        $"decision {DecisionSequence} (input {InputSequence}): journal: {Journaled ?? "(none)"} | replay: {Replayed ?? "(none)"}";
}
