using Aegis.Domain.Orders;

namespace Aegis.Domain.Scenarios.Engine;

/// <summary>
/// Collects what one event did (accepted intents, fills, rejections, cancellations, the start of a
/// throttle) and turns it into a <see cref="ScenarioDecision"/> when anything happened. The buffers
/// are reused, so an event with no outcome allocates nothing.
/// </summary>
internal sealed class DecisionBuilder(string scenarioId)
{
    private readonly List<OrderIntent> _accepted = [];
    private readonly List<Fill> _fills = [];
    private readonly List<string> _rejections = [];
    private readonly List<OrderCancellation> _cancellations = [];
    private long? _throttledUntilUnixNs;

    public void Accepted(OrderIntent intent) => _accepted.Add(intent);

    public void Filled(Fill fill) => _fills.Add(fill);

    public void Rejected(string reason) => _rejections.Add(reason);

    public void Cancelled(OrderCancellation cancellation) => _cancellations.Add(cancellation);

    public void ThrottleBegan(long untilUnixNs) => _throttledUntilUnixNs = untilUnixNs;

    public int FillCount => _fills.Count;

    public Fill FillAt(int index) => _fills[index];

    /// <summary>Drops everything collected so far (a strategy fault: the half-built event must not leak into the next decision).</summary>
    public void Discard()
    {
        _accepted.Clear();
        _fills.Clear();
        _rejections.Clear();
        _cancellations.Clear();
        _throttledUntilUnixNs = null;
    }

    /// <summary>The decision of the event, or null when nothing happened and the status did not change.</summary>
    public ScenarioDecision? Build(in DecisionEvent at, ScenarioStatus statusBefore, ScenarioStatus statusAfter, string? haltReason, long orderCounter)
    {
        if (_accepted.Count == 0 && _fills.Count == 0 && _rejections.Count == 0 && _cancellations.Count == 0 && statusAfter == statusBefore)
        {
            return null;
        }

        var decision = new ScenarioDecision(
            scenarioId,
            at.InstrumentId,
            at.Sequence,
            at.TimeUnixNs,
            _accepted.ToArray(),
            _fills.ToArray(),
            _rejections.ToArray(),
            statusAfter,
            _cancellations.ToArray(),
            orderCounter,
            at.Bid,
            at.Ask,
            haltReason,
            _throttledUntilUnixNs,
            at.Source);
        Discard();
        return decision;
    }
}
