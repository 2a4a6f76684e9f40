using Aegis.Domain.Replay;
using Aegis.Grains.Interfaces.Shadow;

namespace Aegis.Grains.Shadow.Parity;

/// <summary>What one comparison found: decisions compared and matched, the last decision number compared, and the divergences.</summary>
public sealed record ParityComparison(long Compared, long Matched, long LastCompared, IReadOnlyList<ParityDivergence> Divergences);

/// <summary>
/// Compares the two lanes' decisions by number: both lists hold, in order, every decision each lane made after the
/// last one compared on inputs up to the same point. A decision only one lane made is a divergence with
/// <see cref="None"/> on the other side.
/// </summary>
public static class ParityComparer
{
    public const string None = "(none)";

    public static ParityComparison Compare(IReadOnlyList<RecordedDecision> live, IReadOnlyList<RecordedDecision> shadow, long lastCompared,
        string liveBuild, string shadowBuild, DateTime detectedUtc)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(shadow);
        var found = new List<ParityDivergence>();
        long compared = 0, matched = 0, last = lastCompared;
        for (int l = 0, s = 0; l < live.Count || s < shadow.Count;)
        {
            var sequence = Math.Min(l < live.Count ? live[l].DecisionSequence : long.MaxValue, s < shadow.Count ? shadow[s].DecisionSequence : long.MaxValue);
            var liveDecision = l < live.Count && live[l].DecisionSequence == sequence ? live[l++] : null;
            var shadowDecision = s < shadow.Count && shadow[s].DecisionSequence == sequence ? shadow[s++] : null;
            compared++;
            last = sequence;
            if (liveDecision is not null && shadowDecision is not null && liveDecision.InputSequence == shadowDecision.InputSequence
                && DecisionComparer.AreEqual(liveDecision.Decision, shadowDecision.Decision))
            {
                matched++;
                continue;
            }

            found.Add(new ParityDivergence(sequence, (liveDecision ?? shadowDecision)!.InputSequence,
                Render(liveDecision), Render(shadowDecision), liveBuild, shadowBuild, detectedUtc));
        }

        return new ParityComparison(compared, matched, last, found);
    }

    private static string Render(RecordedDecision? decision) =>
        decision is null ? None : $"input {decision.InputSequence}: {DecisionComparer.Describe(decision.Decision)}";
}
