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

    /// <summary>Strategies get a timer tick at every whole minute of event time, just before the first quote at or past it.</summary>
    public const long TimerPeriodUnixNs = 60_000_000_000;

    private readonly List<(int Index, ScenarioDecision Decision)> _made = [];

    // The next tick's event time; long.MinValue until known (from the engine after a restore, else the first quote).
    private long _nextTimerUnixNs = long.MinValue;

    public ScenarioEngine Engine { get; }

    /// <summary>The last input taken.</summary>
    public long InputSequence { get; private set; }

    /// <summary>The last decision made.</summary>
    public long DecisionSequence { get; private set; }

    /// <summary>Quotes processed (duplicates and ignored ones included).</summary>
    public long QuotesProcessed { get; private set; }

    /// <summary>
    /// Live: processes quotes as they were delivered. Each run of consecutive quotes of one source and
    /// instrument becomes one input, so a feed batch costs one log entry, not one per quote. A run that
    /// continues the stream of the last input in <paramref name="inputs"/> (not yet handed to the journal)
    /// extends that input instead: processing quotes one delivery at a time or all at once makes the same
    /// decisions, so a scenario fed one quote per delivery logs one input per stream and append, not per quote.
    /// </summary>
    public void Process(ReadOnlySpan<Quote> quotes, List<ScenarioInput> inputs, List<RecordedDecision> decisions) =>
        Process(quotes, -1, inputs, decisions);

    /// <summary>
    /// <see cref="Process(ReadOnlySpan{Quote}, List{ScenarioInput}, List{RecordedDecision})"/> over the quotes [<paramref name="start"/>, <paramref name="end"/>) of the engine's bound
    /// <see cref="PreparedQuotes"/>: the same inputs and decisions, with quiet stretches passed over in one step.
    /// </summary>
    public void ProcessPrepared(int start, int end, List<ScenarioInput> inputs, List<RecordedDecision> decisions) =>
        Process(BoundQuotes(start, end), start, inputs, decisions);

    /// <summary><see cref="ProcessMerged(ReadOnlySpan{Quote}, List{ScenarioInput}, List{RecordedDecision})"/> over the quotes [<paramref name="start"/>, <paramref name="end"/>) of the engine's bound <see cref="PreparedQuotes"/>.</summary>
    public void ProcessMergedPrepared(int start, int end, List<ScenarioInput> inputs, List<RecordedDecision> decisions) =>
        ProcessMerged(BoundQuotes(start, end), start, inputs, decisions);

    private ReadOnlySpan<Quote> BoundQuotes(int start, int end) =>
        (Engine.Prepared ?? throw new InvalidOperationException($"scenario '{Engine.Spec.Id}' is not bound to prepared quotes")).Quotes.AsSpan(start, end - start);

    // offset: the index of quotes[0] in the engine's prepared quotes, or −1 when they are not prepared.
    private void Process(ReadOnlySpan<Quote> quotes, int offset, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decisions);
        var start = 0;
        var oneStream = offset >= 0 && Engine.Prepared!.SingleStream;
        for (var i = 0; i <= quotes.Length; i++)
        {
            var due = i < quotes.Length && TimerDue(quotes[i].ExchangeTimeUnixNs);
            if (i < quotes.Length && !due && (i == start || oneStream || SameStream(quotes[i], quotes[start])))
            {
                continue;
            }

            if (i > start)
            {
                var run = quotes[start..i];
                if (Continues(inputs, run))
                {
                    var last = inputs[^1];
                    inputs[^1] = last with { LastSequence = run[^1].Sequence, QuoteCount = last.QuoteCount + run.Length, EventTimeUnixNs = run[^1].ExchangeTimeUnixNs };
                    Take(inputs[^1], run, At(offset, start), decisions);
                }
                else
                {
                    var input = ScenarioInput.ForQuotes(InputSequence + 1, run[0].Source, run[0].InstrumentId, run[0].Sequence, run[^1].Sequence,
                        run.Length, run[^1].ExchangeTimeUnixNs);
                    inputs.Add(input);
                    Take(input, run, At(offset, start), decisions);
                }

                start = i;
            }

            if (due)
            {
                Tick(quotes[i].ExchangeTimeUnixNs, inputs, decisions);
            }
        }
    }

    // The last pending input is this runner's latest, a plain (not merged) run of the same stream, and the run's first
    // sequence follows its last: a replay reading the tape from its first to its new last sequence gets exactly these quotes.
    private bool Continues(List<ScenarioInput> inputs, ReadOnlySpan<Quote> run) =>
        inputs.Count > 0
        && inputs[^1] is { Kind: InputKind.Quotes, MergedWith: 0 } last
        && last.InputSequence == InputSequence
        && last.LastSequence != long.MaxValue && run[0].Sequence == last.LastSequence + 1
        && string.Equals(last.Source, run[0].Source, StringComparison.Ordinal)
        && string.Equals(last.InstrumentId, run[0].InstrumentId, StringComparison.Ordinal);

    /// <summary>True when event time <paramref name="timeUnixNs"/> reaches the next tick (the first time seen only sets it).</summary>
    private bool TimerDue(long timeUnixNs)
    {
        if (_nextTimerUnixNs == long.MinValue)
        {
            var known = Engine.LastQuoteTimeUnixNs;
            _nextTimerUnixNs = NextBoundary(known > 0 ? known : timeUnixNs);
            if (known <= 0)
            {
                return false;
            }
        }

        return timeUnixNs >= _nextTimerUnixNs;
    }

    /// <summary>Fires one tick at the last whole minute at or before <paramref name="timeUnixNs"/> (minutes without quotes are not made up).
    /// Logged as an input only while the scenario runs: a paused or halted engine ignores ticks, as a replay would.</summary>
    private void Tick(long timeUnixNs, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        var boundary = NextBoundary(timeUnixNs) - TimerPeriodUnixNs;
        _nextTimerUnixNs = boundary + TimerPeriodUnixNs;
        if (Engine.Status == ScenarioStatus.Running)
        {
            Timer(boundary, inputs, decisions);
        }
    }

    private static long NextBoundary(long timeUnixNs)
    {
        var minute = timeUnixNs / TimerPeriodUnixNs;
        if (timeUnixNs < 0 && timeUnixNs % TimerPeriodUnixNs != 0)
        {
            minute--;
        }

        return (minute + 1) * TimerPeriodUnixNs;
    }

    /// <summary>
    /// Live: processes quotes of several streams that were merged in <see cref="ExchangeTimeOrder"/>. They are
    /// logged as one group of inputs, one per stream (in instrument, source order), so a replay merges the
    /// group's quotes again by the same rule instead of taking its inputs one after the other.
    /// </summary>
    public void ProcessMerged(ReadOnlySpan<Quote> merged, List<ScenarioInput> inputs, List<RecordedDecision> decisions) =>
        ProcessMerged(merged, -1, inputs, decisions);

    private void ProcessMerged(ReadOnlySpan<Quote> merged, int offset, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decisions);

        // A tick falls between the quotes around it: each side is a group of its own.
        var start = 0;
        for (var i = 0; i < merged.Length; i++)
        {
            if (TimerDue(merged[i].ExchangeTimeUnixNs))
            {
                if (i > start)
                {
                    ProcessMergedSegment(merged[start..i], At(offset, start), inputs, decisions);
                }

                Tick(merged[i].ExchangeTimeUnixNs, inputs, decisions);
                start = i;
            }
        }

        if (start < merged.Length)
        {
            ProcessMergedSegment(merged[start..], At(offset, start), inputs, decisions);
        }
    }

    private void ProcessMergedSegment(ReadOnlySpan<Quote> merged, int offset, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        var streams = new SortedDictionary<(string InstrumentId, string Source), (long First, long Last, int Count, long Time)>(StreamOrder.Instance);
        foreach (ref readonly var quote in merged)
        {
            var key = (quote.InstrumentId, quote.Source);
            streams[key] = streams.TryGetValue(key, out var s)
                ? (s.First, quote.Sequence, s.Count + 1, quote.ExchangeTimeUnixNs)
                : (quote.Sequence, quote.Sequence, 1, quote.ExchangeTimeUnixNs);
        }

        if (streams.Count <= 1)
        {
            Process(merged, offset, inputs, decisions);
            return;
        }

        var groupStart = InputSequence + 1;
        var group = new ScenarioInput[streams.Count];
        var at = 0;
        foreach (var ((instrumentId, source), (first, last, count, time)) in streams)
        {
            group[at] = ScenarioInput.ForQuotes(groupStart + at, source, instrumentId, first, last, count, time) with { MergedWith = groupStart };
            at++;
        }

        inputs.AddRange(group);
        TakeMerged(group, merged, offset, decisions);
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
        Take(input, [], -1, decisions);
        return true;
    }

    /// <summary>Live: a strategy timer at event time <paramref name="timeUnixNs"/>.</summary>
    public void Timer(long timeUnixNs, List<ScenarioInput> inputs, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var input = ScenarioInput.ForTimer(InputSequence + 1, timeUnixNs);
        inputs.Add(input);
        Take(input, [], -1, decisions);
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

        Take(input, input.Kind == InputKind.Quotes ? quotes.GetQuotes(input) : [], -1, decisions);
    }

    /// <summary>Replay: takes a logged group of merged quote inputs (all inputs sharing one <see cref="ScenarioInput.MergedWith"/>).</summary>
    /// <exception cref="InputLogException">The group does not follow on, or its quotes are not all there.</exception>
    public void ReplayMerged(IReadOnlyList<ScenarioInput> group, IInputQuotes quotes, List<RecordedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(decisions);
        var streams = new ReadOnlyMemory<Quote>[group.Count];
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].InputSequence != InputSequence + 1 + i || group[i].Kind != InputKind.Quotes || group[i].MergedWith != group[0].InputSequence)
            {
                throw new InputLogException($"input {group[i].InputSequence} does not continue the merged group that starts at {group[0].InputSequence}");
            }

            streams[i] = quotes.GetQuotes(group[i]).ToArray();
        }

        TakeMerged(group, ExchangeTimeOrder.Merge(streams), -1, decisions);
    }

    private void TakeMerged(IReadOnlyList<ScenarioInput> group, ReadOnlySpan<Quote> merged, int offset, List<RecordedDecision> decisions)
    {
        InputSequence = group[^1].InputSequence;
        if (offset >= 0)
        {
            Engine.ProcessPrepared(offset, offset + merged.Length, _made);
            foreach (var (index, decision) in _made)
            {
                decisions.Add(new RecordedDecision(++DecisionSequence, InputOf(group, merged[index - offset]), decision));
            }

            _made.Clear();
            QuotesProcessed += merged.Length;
            return;
        }

        foreach (ref readonly var quote in merged)
        {
            if (Engine.TryProcess(quote, out var decision))
            {
                decisions.Add(new RecordedDecision(++DecisionSequence, InputOf(group, quote), decision!));
            }
        }

        QuotesProcessed += merged.Length;
    }

    private static long InputOf(IReadOnlyList<ScenarioInput> group, in Quote quote)
    {
        foreach (var input in group)
        {
            if (string.Equals(input.InstrumentId, quote.InstrumentId, StringComparison.Ordinal) && string.Equals(input.Source, quote.Source, StringComparison.Ordinal))
            {
                return input.InputSequence;
            }
        }

        throw new InputLogException($"a merged quote of {quote.InstrumentId} from '{quote.Source}' belongs to no input of its group");
    }

    private sealed class StreamOrder : IComparer<(string InstrumentId, string Source)>
    {
        public static readonly StreamOrder Instance = new();

        public int Compare((string InstrumentId, string Source) x, (string InstrumentId, string Source) y)
        {
            var byInstrument = string.CompareOrdinal(x.InstrumentId, y.InstrumentId);
            return byInstrument != 0 ? byInstrument : string.CompareOrdinal(x.Source, y.Source);
        }
    }

    private void Take(ScenarioInput input, ReadOnlySpan<Quote> run, int offset, List<RecordedDecision> decisions)
    {
        InputSequence = input.InputSequence;
        switch (input.Kind)
        {
            case InputKind.Quotes when offset >= 0:
                Engine.ProcessPrepared(offset, offset + run.Length, _made);
                foreach (var (_, decision) in _made)
                {
                    decisions.Add(new RecordedDecision(++DecisionSequence, input.InputSequence, decision));
                }

                _made.Clear();
                QuotesProcessed += run.Length;
                break;
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

    private static int At(int offset, int start) => offset >= 0 ? offset + start : -1;

    private static bool SameStream(in Quote a, in Quote b) =>
        (ReferenceEquals(a.Source, b.Source) || string.Equals(a.Source, b.Source, StringComparison.Ordinal))
        && (ReferenceEquals(a.InstrumentId, b.InstrumentId) || string.Equals(a.InstrumentId, b.InstrumentId, StringComparison.Ordinal));
}
