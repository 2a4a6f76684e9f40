using Aegis.Domain.Quotes;
using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Replay;

/// <summary>
/// Drives a <see cref="ScenarioEngine"/> input by input and numbers what happens: live, it turns
/// what arrives into input-log entries and decisions; in a replay, it takes logged inputs and makes
/// the decisions again. Both go through the same calls on the engine, so a replay can only differ
/// from the live run if its inputs do. Not thread-safe, like the engine.
/// </summary>
public sealed class ScenarioRunner
{
    public ScenarioRunner(ScenarioEngine engine, long inputSequence = 0, long decisionSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        InputSequence = inputSequence;
        DecisionSequence = decisionSequence;
    }

    public ScenarioEngine Engine { get; }

    /// <summary>The last input taken.</summary>
    public long InputSequence { get; private set; }

    /// <summary>The last decision made.</summary>
    public long DecisionSequence { get; private set; }

    /// <summary>Quotes processed (duplicates and ignored ones included).</summary>
    public long QuotesProcessed { get; private set; }

    /// <summary>
    /// Live: processes quotes as they were delivered. Each run of consecutive quotes of one source and
    /// instrument becomes one input, so a feed batch costs one log entry, not one per quote.
    /// </summary>
    public void Process(ReadOnlySpan<Quote> quotes, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decisions);
        var start = 0;
        for (var i = 1; i <= quotes.Length; i++)
        {
            if (i < quotes.Length && SameStream(quotes[i], quotes[start]))
            {
                continue;
            }

            var run = quotes[start..i];
            var input = ScenarioInput.ForQuotes(InputSequence + 1, run[0].Source, run[0].InstrumentId, run[0].Sequence, run[^1].Sequence,
                run.Length, run[^1].ExchangeTimeUnixNs);
            inputs.Add(input);
            Take(input, run, decisions);
            start = i;
        }
    }

    /// <summary>Live: applies a command. Returns false (and logs nothing) when the engine refuses it, as it would again in a replay.</summary>
    public bool Command(ScenarioCommand command, string? reason, long timeUnixNs, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decisions);
        var input = ScenarioInput.ForCommand(InputSequence + 1, command, reason, timeUnixNs);
        if (command != ScenarioCommand.Create && !CanApply(command))
        {
            return false;
        }

        inputs.Add(input);
        Take(input, [], decisions);
        return true;
    }

    /// <summary>Live: a strategy timer at event time <paramref name="timeUnixNs"/>.</summary>
    public void Timer(long timeUnixNs, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var input = ScenarioInput.ForTimer(InputSequence + 1, timeUnixNs);
        inputs.Add(input);
        Take(input, [], decisions);
    }

    /// <summary>Replay: takes the next logged input, its quotes from <paramref name="quotes"/>.</summary>
    /// <exception cref="InputLogException">The input is not the next one, or its quotes are not all there.</exception>
    public void Replay(ScenarioInput input, IInputQuotes quotes, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(decisions);
        if (input.InputSequence != InputSequence + 1)
        {
            throw new InputLogException($"input {input.InputSequence} follows input {InputSequence}: the log has a gap");
        }

        Take(input, input.Kind == InputKind.Quotes ? quotes.GetQuotes(input) : [], decisions);
    }

    private void Take(ScenarioInput input, ReadOnlySpan<Quote> run, List<RecordedDecision> decisions)
    {
        InputSequence = input.InputSequence;
        switch (input.Kind)
        {
            case InputKind.Quotes:
                foreach (ref readonly var quote in run)
                {
                    if (Engine.TryProcess(quote, out var decision))
                    {
                        decisions.Add(new RecordedDecision(++DecisionSequence, input.InputSequence, decision!));
                    }
                }

                QuotesProcessed += run.Length;
                break;
            case InputKind.Timer:
                Add(Engine.OnTimer(input.EventTimeUnixNs), input, decisions);
                break;
            case InputKind.Command when input.Command is { } command && command != ScenarioCommand.Create:
                Add(Engine.Apply(command, input.Reason, input.EventTimeUnixNs), input, decisions);
                break;
        }
    }

    private void Add(ScenarioDecision? decision, ScenarioInput input, List<RecordedDecision> decisions)
    {
        if (decision is not null)
        {
            decisions.Add(new RecordedDecision(++DecisionSequence, input.InputSequence, decision));
        }
    }

    private bool CanApply(ScenarioCommand command) => command switch
    {
        ScenarioCommand.Pause => Engine.Status == ScenarioStatus.Running,
        ScenarioCommand.Resume => Engine.Status is ScenarioStatus.Paused or ScenarioStatus.Halted,
        ScenarioCommand.Halt => Engine.Status is ScenarioStatus.Running or ScenarioStatus.Paused,
        ScenarioCommand.Retire => Engine.Status != ScenarioStatus.Retired,
        _ => false,
    };

    private static bool SameStream(in Quote a, in Quote b) =>
        (ReferenceEquals(a.Source, b.Source) || string.Equals(a.Source, b.Source, StringComparison.Ordinal))
        && (ReferenceEquals(a.InstrumentId, b.InstrumentId) || string.Equals(a.InstrumentId, b.InstrumentId, StringComparison.Ordinal));
}
