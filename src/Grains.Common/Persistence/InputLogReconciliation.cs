using Aegis.Domain.Replay;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Decides what to do with a block of inputs that met blocks already in a scenario's log. A writer whose commit
/// failed with an unknown outcome sends its inputs again, together with the ones it took since: the stored
/// block then starts where this one starts and holds a prefix of it, and only the rest is still to be written.
/// Anything else (a stored block that starts elsewhere, holds other inputs, or reaches beyond this writer's
/// log) was written by another activation or build: a divergence.
/// </summary>
internal static class InputLogReconciliation
{
    /// <param name="scenarioId">The scenario whose log it is.</param>
    /// <param name="ours">This writer's inputs, numbered without gaps.</param>
    /// <param name="stored">The stored blocks that share inputs with <paramref name="ours"/>, in log order.</param>
    /// <returns>Why the log diverged (null if it did not) and the inputs of ours that are still to be written.</returns>
    public static (string? Diverged, IReadOnlyList<ScenarioInput> Remaining) Reconcile(
        string scenarioId, IReadOnlyList<ScenarioInput> ours, IReadOnlyList<IReadOnlyList<ScenarioInput>> stored)
    {
        if (ours.Count == 0)
        {
            return (null, ours);
        }

        var first = ours[0].InputSequence;
        var last = ours[^1].InputSequence;
        var covered = first - 1;
        foreach (var block in stored)
        {
            if (block.Count == 0)
            {
                continue;
            }

            if (block[0].InputSequence != covered + 1)
            {
                return ($"inputs {first}..{last} of scenario '{scenarioId}' meet inputs {block[0].InputSequence}..{block[^1].InputSequence} " +
                        "that another writer journaled", []);
            }

            foreach (var input in block)
            {
                if (input.InputSequence > last)
                {
                    return ($"input {input.InputSequence} of scenario '{scenarioId}' is already journaled, beyond this writer's last input {last}", []);
                }

                if (!input.Equals(ours[(int)(input.InputSequence - first)]))
                {
                    return ($"input {input.InputSequence} of scenario '{scenarioId}' is already journaled with different content", []);
                }

                covered = input.InputSequence;
            }
        }

        return (null, covered < first ? ours : ours.Skip((int)(covered - first + 1)).ToArray());
    }
}
