using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;

namespace Aegis.Domain.Execution;

/// <summary>
/// How a venue executes an order against the top of book. The scenario engine only asks this
/// interface, so a backtest can swap in another model without touching the booking path.
/// </summary>
public interface IFillModel
{
    /// <summary>Whether <paramref name="order"/> fills now (and at what price), rests, or is cancelled. Must not allocate.</summary>
    FillDecision Match(OrderIntent order, decimal bid, decimal ask, Instrument instrument);

    /// <summary>The fill record of a matched order, with its commission.</summary>
    Fill CreateFill(OrderIntent order, decimal price, Instrument instrument, long timeUnixNs, long quoteSequence, int fillNumber = 1);
}
