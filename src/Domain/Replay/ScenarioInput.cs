using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Replay;

/// <summary>
/// One entry of a scenario's input log: what the scenario processed, in the order it processed it.
/// Quotes are not copied here, only located: a quote input names a source, an instrument and the
/// sequence range of a run of that feed's quotes (the quotes themselves are in the tape). Together
/// with the spec, the log determines every decision the scenario made.
/// </summary>
/// <param name="InputSequence">Position in the scenario's log, from 1, without gaps.</param>
/// <param name="Kind">Quotes, timer or command.</param>
/// <param name="EventTimeUnixNs">Exchange time of the last quote of the run, the timer's time, or the time of the command.</param>
/// <param name="Source">Quote source; empty for timers and commands.</param>
/// <param name="InstrumentId">Instrument of the quotes; empty for timers and commands.</param>
/// <param name="FirstSequence">Sequence of the first quote of the run.</param>
/// <param name="LastSequence">Sequence of the last quote of the run.</param>
/// <param name="QuoteCount">How many quotes the run had (a check on what the tape returns).</param>
/// <param name="Command">The command, for a command input.</param>
/// <param name="Reason">The command's reason (a halt's), if any.</param>
/// <param name="MergedWith">0, or the first input of the group this quote input belongs to: the quotes of a
/// group's inputs were processed merged in <see cref="ExchangeTimeOrder"/>, not one input after the other.</param>
public sealed record ScenarioInput(
    long InputSequence,
    InputKind Kind,
    long EventTimeUnixNs,
    string Source,
    string InstrumentId,
    long FirstSequence,
    long LastSequence,
    int QuoteCount,
    ScenarioCommand? Command = null,
    string? Reason = null,
    long MergedWith = 0)
{
    public static ScenarioInput ForQuotes(long inputSequence, string source, string instrumentId, long firstSequence, long lastSequence, int count, long eventTimeUnixNs) =>
        new(inputSequence, InputKind.Quotes, eventTimeUnixNs, source, instrumentId, firstSequence, lastSequence, count);

    public static ScenarioInput ForCommand(long inputSequence, ScenarioCommand command, string? reason, long eventTimeUnixNs) =>
        new(inputSequence, InputKind.Command, eventTimeUnixNs, string.Empty, string.Empty, 0, 0, 0, command, reason);

    public static ScenarioInput ForTimer(long inputSequence, long timeUnixNs) =>
        new(inputSequence, InputKind.Timer, timeUnixNs, string.Empty, string.Empty, 0, 0, 0);
}
