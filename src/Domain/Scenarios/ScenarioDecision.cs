using Aegis.Domain.Orders;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// Everything a scenario did on one event — the journal entry. Only produced when something
/// happened. A replay of the scenario's inputs makes the same decisions, which is how recovery,
/// the shadow lane and backtests check themselves against the journal.
/// </summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="InstrumentId">Instrument of the quote; empty for a timer event.</param>
/// <param name="QuoteSequence">Sequence of the quote; 0 for a timer event.</param>
/// <param name="QuoteExchangeTimeUnixNs">Event time: the quote's exchange time or the timer's time.</param>
/// <param name="Intents">Orders accepted by risk (rejected ones are in <paramref name="Rejections"/>).</param>
/// <param name="Fills">Fills, in the order they were booked.</param>
/// <param name="Rejections">Risk or validation rejections, each starting with the client order id.</param>
/// <param name="StatusAfter">Status once the event was handled.</param>
/// <param name="Cancellations">Accepted orders that ended unfilled (IOC, expired Day).</param>
/// <param name="OrderCounterAfter">Order id counter after the event (rejected orders consume ids too).</param>
/// <param name="Bid">Bid of the quote; 0 for a timer event.</param>
/// <param name="Ask">Ask of the quote; 0 for a timer event.</param>
/// <param name="HaltReason">Why the scenario is halted, when <paramref name="StatusAfter"/> is Halted.</param>
/// <param name="ThrottledUntilUnixNs">When a rejection of this event hit the orders-per-minute limit: until
/// when further orders are refused without a journal entry; null otherwise.</param>
/// <param name="Source">Source of the quote; null for a timer or command event.</param>
public sealed record ScenarioDecision(
    string ScenarioId,
    string InstrumentId,
    long QuoteSequence,
    long QuoteExchangeTimeUnixNs,
    IReadOnlyList<OrderIntent> Intents,
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<string> Rejections,
    ScenarioStatus StatusAfter,
    IReadOnlyList<OrderCancellation> Cancellations,
    long OrderCounterAfter,
    decimal Bid,
    decimal Ask,
    string? HaltReason,
    long? ThrottledUntilUnixNs = null,
    string? Source = null);
