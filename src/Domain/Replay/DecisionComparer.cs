using System.Globalization;
using System.Text;
using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Replay;

/// <summary>Exact equality of decisions (every field, lists element by element) and a one-line rendering for side-by-side reports.</summary>
public static class DecisionComparer
{
    public static bool AreEqual(ScenarioDecision a, ScenarioDecision b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.ScenarioId == b.ScenarioId
            && a.InstrumentId == b.InstrumentId
            && a.QuoteSequence == b.QuoteSequence
            && a.QuoteExchangeTimeUnixNs == b.QuoteExchangeTimeUnixNs
            && a.StatusAfter == b.StatusAfter
            && a.OrderCounterAfter == b.OrderCounterAfter
            && a.Bid == b.Bid
            && a.Ask == b.Ask
            && a.HaltReason == b.HaltReason
            && a.ThrottledUntilUnixNs == b.ThrottledUntilUnixNs
            && a.Intents.SequenceEqual(b.Intents)
            && a.Fills.SequenceEqual(b.Fills)
            && a.Rejections.SequenceEqual(b.Rejections)
            && a.Cancellations.SequenceEqual(b.Cancellations);
    }

    /// <summary>Everything that defines the decision, on one line.</summary>
    public static string Describe(ScenarioDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{(decision.InstrumentId.Length == 0 ? "(timer/command)" : decision.InstrumentId)} seq {decision.QuoteSequence} t {decision.QuoteExchangeTimeUnixNs} ns");
        if (decision.InstrumentId.Length > 0)
        {
            text.Append(c, $" bid {decision.Bid} ask {decision.Ask}");
        }

        foreach (var intent in decision.Intents)
        {
            text.Append(c, $"; order {intent.ClientOrderId} {intent.Side} {intent.Quantity} {intent.InstrumentId} {intent.Type}");
            if (intent.LimitPrice is { } limit)
            {
                text.Append(c, $" @{limit}");
            }
        }

        foreach (var fill in decision.Fills)
        {
            text.Append(c, $"; fill {fill.ClientOrderId} {fill.Side} {fill.Quantity} @{fill.Price} fee {fill.Commission}");
        }

        foreach (var rejection in decision.Rejections)
        {
            text.Append(c, $"; rejected {rejection}");
        }

        foreach (var cancellation in decision.Cancellations)
        {
            text.Append(c, $"; cancelled {cancellation.ClientOrderId} ({cancellation.Reason})");
        }

        text.Append(c, $"; status {decision.StatusAfter.ToString().ToLowerInvariant()}");
        if (decision.HaltReason is { } reason)
        {
            text.Append(c, $" ({reason})");
        }

        text.Append(c, $"; orders {decision.OrderCounterAfter}");
        if (decision.ThrottledUntilUnixNs is { } until)
        {
            text.Append(c, $"; throttled until {until} ns");
        }

        return text.ToString();
    }
}
