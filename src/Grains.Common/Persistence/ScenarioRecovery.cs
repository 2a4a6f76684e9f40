using Aegis.Domain.Replay;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Replays a scenario's durable inputs (its input log, with quotes from the tape) through a runner
/// and checks every decision against the journal: how a scenario recovers after a crash, and what
/// <c>aegis scenarios replay</c> runs from the scenario's creation.
/// </summary>
public sealed class ScenarioRecovery(DecisionJournal journal, TapeReader tape)
{
    /// <summary>Replays every input after the runner's position and compares decisions numbered within the range given.</summary>
    public async Task<ReplayReport> ReplayAsync(ScenarioRunner runner, string scenarioId, long fromDecision = 1, long toDecision = long.MaxValue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var inputs = await journal.ReadInputsAsync(scenarioId, runner.InputSequence, cancellationToken: cancellationToken);
        var lastInput = inputs.Count == 0 ? runner.InputSequence : inputs[^1].InputSequence;
        var decisions = await journal.ReadAfterAsync(scenarioId, runner.DecisionSequence, lastInput, cancellationToken);
        var quotes = await tape.ReadAsync(inputs, cancellationToken);
        return ScenarioReplayer.Replay(runner, inputs, quotes, decisions, fromDecision, toDecision);
    }

    /// <summary>The last input and decision numbers journaled for a scenario (0 when none).</summary>
    public Task<(long Input, long Decision)> ReadEndsAsync(string scenarioId, CancellationToken cancellationToken = default) =>
        journal.ReadEndsAsync(scenarioId, cancellationToken);
}
