namespace Aegis.Domain.Replay;

/// <summary>
/// Compares the decisions a run made with a journal's, in order and field by field: how a backtest of a recorded
/// day proves that it made the live lane's decisions. Unlike <see cref="ScenarioReplayer.Replay"/> it takes the
/// run's decisions already made, so the run can also sample its book for an equity curve.
/// </summary>
public static class JournalComparison
{
    /// <param name="made">The run's decisions, numbered from 1.</param>
    /// <param name="journal">The journal's decisions over the same inputs, numbered from 1.</param>
    /// <param name="inputsReplayed">Inputs the run took (reported as is).</param>
    /// <param name="quotesReplayed">Quotes the run took (reported as is).</param>
    public static ReplayReport Compare(IReadOnlyList<RecordedDecision> made, IReadOnlyList<RecordedDecision> journal, long inputsReplayed, long quotesReplayed)
    {
        ArgumentNullException.ThrowIfNull(made);
        ArgumentNullException.ThrowIfNull(journal);
        var count = Math.Min(made.Count, journal.Count);
        for (var i = 0; i < count; i++)
        {
            var (ours, theirs) = (made[i], journal[i]);
            if (ours.DecisionSequence != theirs.DecisionSequence || ours.InputSequence != theirs.InputSequence
                || !DecisionComparer.AreEqual(theirs.Decision, ours.Decision))
            {
                return Diverged(i, new ReplayDivergence(ours.DecisionSequence, ours.InputSequence,
                    $"#{theirs.DecisionSequence} (input {theirs.InputSequence}) {DecisionComparer.Describe(theirs.Decision)}",
                    $"#{ours.DecisionSequence} (input {ours.InputSequence}) {DecisionComparer.Describe(ours.Decision)}"));
            }
        }

        if (made.Count > count)
        {
            return Diverged(count, new ReplayDivergence(made[count].DecisionSequence, made[count].InputSequence, null, DecisionComparer.Describe(made[count].Decision)));
        }

        if (journal.Count > count)
        {
            return Diverged(count, new ReplayDivergence(journal[count].DecisionSequence, journal[count].InputSequence, DecisionComparer.Describe(journal[count].Decision), null));
        }

        return new ReplayReport(inputsReplayed, quotesReplayed, count, null, null);

        ReplayReport Diverged(int compared, ReplayDivergence divergence) => new(inputsReplayed, quotesReplayed, compared, divergence, null);
    }
}
