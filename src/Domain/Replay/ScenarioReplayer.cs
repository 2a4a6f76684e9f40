using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Replay;

/// <summary>
/// Replays logged inputs through a <see cref="ScenarioRunner"/> and checks every decision it makes
/// against the journal, in order. Crash recovery, <c>aegis scenarios replay</c>, the shadow lane and
/// the backtest engine use this one loop. It stops at the first divergence: after it, the two runs
/// no longer share a state, and further differences say nothing new.
/// </summary>
public static class ScenarioReplayer
{
    /// <summary>
    /// Replays <paramref name="inputs"/> (the next inputs of <paramref name="runner"/>, in order) and
    /// compares the decisions numbered within [<paramref name="fromDecision"/>, <paramref name="toDecision"/>]
    /// with <paramref name="journal"/> (the journal from the runner's next decision on, in order).
    /// Journal entries after the last replayed input are reported as a divergence only when
    /// <paramref name="journalEndsWithInputs"/> says the journal cannot be ahead of the log.
    /// </summary>
    public static ReplayReport Replay(
        ScenarioRunner runner,
        IEnumerable<ScenarioInput> inputs,
        IInputQuotes quotes,
        IEnumerable<RecordedDecision> journal,
        long fromDecision = 1,
        long toDecision = long.MaxValue,
        bool journalEndsWithInputs = true)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(journal);
        using var expected = journal.GetEnumerator();
        var made = new List<RecordedDecision>();
        long inputsReplayed = 0, compared = 0;
        var quotesBefore = runner.QuotesProcessed;
        var log = inputs as IReadOnlyList<ScenarioInput> ?? inputs.ToList();
        for (var i = 0; i < log.Count; i++)
        {
            var input = log[i];
            made.Clear();
            try
            {
                if (input.MergedWith == 0)
                {
                    runner.Replay(input, quotes, made);
                    inputsReplayed++;
                }
                else
                {
                    // A merged group is taken whole: its quotes were processed interleaved.
                    var end = i + 1;
                    while (end < log.Count && log[end].MergedWith == input.MergedWith)
                    {
                        end++;
                    }

                    var group = new ScenarioInput[end - i];
                    for (var g = 0; g < group.Length; g++)
                    {
                        group[g] = log[i + g];
                    }

                    runner.ReplayMerged(group, quotes, made);
                    inputsReplayed += group.Length;
                    i = end - 1;
                }
            }
            catch (InputLogException ex)
            {
                return new ReplayReport(inputsReplayed, runner.QuotesProcessed - quotesBefore, compared, null, ex.Message);
            }

            foreach (var decision in made)
            {
                if (decision.DecisionSequence > toDecision)
                {
                    return Done();
                }

                var journaled = expected.MoveNext() ? expected.Current : null;
                if (journaled is null || journaled.DecisionSequence != decision.DecisionSequence
                    || !DecisionComparer.AreEqual(journaled.Decision, decision.Decision))
                {
                    return Diverged(decision.DecisionSequence, decision.InputSequence, journaled, decision.Decision);
                }

                if (decision.DecisionSequence >= fromDecision)
                {
                    compared++;
                }
            }
        }

        if (journalEndsWithInputs && expected.MoveNext() && expected.Current.DecisionSequence <= toDecision)
        {
            return Diverged(expected.Current.DecisionSequence, 0, expected.Current, null);
        }

        return Done();

        ReplayReport Done() => new(inputsReplayed, runner.QuotesProcessed - quotesBefore, compared, null, null);

        ReplayReport Diverged(long sequence, long inputSequence, RecordedDecision? journaled, ScenarioDecision? replayed) =>
            new(inputsReplayed, runner.QuotesProcessed - quotesBefore, compared,
                new ReplayDivergence(sequence, inputSequence,
                    journaled is null ? null : DecisionComparer.Describe(journaled.Decision),
                    replayed is null ? null : DecisionComparer.Describe(replayed)),
                null);
    }
}
