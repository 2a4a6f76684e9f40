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
            made.Clear();
            try
            {
                var taken = Take(runner, log, i, quotes, made);
                inputsReplayed += taken;
                i += taken - 1;
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

    /// <summary>
    /// Replays <paramref name="inputs"/> (the next inputs of <paramref name="runner"/>, in order, ending on a
    /// whole merged group) and adds every decision made to <paramref name="made"/>, without a journal to check
    /// them against: how a shadow twin follows its live scenario. Returns how many inputs were taken.
    /// </summary>
    /// <exception cref="InputLogException">The inputs do not follow on, or their quotes are not all there.</exception>
    public static int Follow(ScenarioRunner runner, IReadOnlyList<ScenarioInput> inputs, IInputQuotes quotes, List<RecordedDecision> made)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(made);
        var i = 0;
        while (i < inputs.Count)
        {
            i += Take(runner, inputs, i, quotes, made);
        }

        return i;
    }

    /// <summary>
    /// Of a log read in chunks, the inputs that end on a whole merged group: a chunk that stops inside a group
    /// leaves that group's inputs to the next read (a group is logged at once, so the next read has all of it).
    /// </summary>
    public static int WholeGroups(IReadOnlyList<ScenarioInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var end = inputs.Count;
        if (end == 0 || inputs[end - 1].MergedWith == 0)
        {
            return end;
        }

        var group = inputs[end - 1].MergedWith;
        while (end > 0 && inputs[end - 1].MergedWith == group)
        {
            end--;
        }

        return end;
    }

    // Takes the input at index (a merged group whole: its quotes were processed interleaved) and returns how many inputs that was.
    private static int Take(ScenarioRunner runner, IReadOnlyList<ScenarioInput> log, int index, IInputQuotes quotes, List<RecordedDecision> made)
    {
        var input = log[index];
        if (input.MergedWith == 0)
        {
            runner.Replay(input, quotes, made);
            return 1;
        }

        var end = index + 1;
        while (end < log.Count && log[end].MergedWith == input.MergedWith)
        {
            end++;
        }

        var group = new ScenarioInput[end - index];
        for (var g = 0; g < group.Length; g++)
        {
            group[g] = log[index + g];
        }

        runner.ReplayMerged(group, quotes, made);
        return group.Length;
    }
}
