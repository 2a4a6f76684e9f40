using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;

namespace Aegis.Domain.Execution;

/// <summary>
/// Paper venue matching against top of book. Fills are always for the full quantity (displayed
/// size is ignored: scenarios trade small, and partial fills would make lanes diverge for no insight).
/// <list type="bullet">
/// <item>Market: buy at ask, sell at bid, moved by <see cref="SlippageModel"/> against the trader.</item>
/// <item>Limit: buy fills at the ask when limit ≥ ask, sell at the bid when limit ≤ bid (price improvement).</item>
/// <item>Limit not marketable: IOC is cancelled, Day/GTC rest and are re-checked on later quotes.</item>
/// </list>
/// </summary>
public sealed class PaperFillModel(CommissionSchedule commission, SlippageModel slippage) : IFillModel
{
    public CommissionSchedule Commission { get; } = commission;

    public SlippageModel Slippage { get; } = slippage;

    /// <summary>Matches <paramref name="order"/> against a bid/ask. Does not allocate.</summary>
    public FillDecision Match(OrderIntent order, decimal bid, decimal ask, Instrument instrument)
    {
        if (order.Type == OrderType.Market)
        {
            var slip = Slippage.Ticks * instrument.TickSize;
            // Never slip a sell through zero: the worst paper price is one tick.
            var price = order.Side == OrderSide.Buy ? ask + slip : Math.Max(bid - slip, instrument.TickSize);
            return new FillDecision(FillAction.Fill, price);
        }

        var limit = order.LimitPrice.GetValueOrDefault();
        if (order.Side == OrderSide.Buy ? limit >= ask : limit <= bid)
        {
            return new FillDecision(FillAction.Fill, order.Side == OrderSide.Buy ? ask : bid);
        }

        return new FillDecision(order.TimeInForce == TimeInForce.Ioc ? FillAction.Cancel : FillAction.Rest, 0m);
    }

    /// <summary>Builds the fill record for a matched order, with its commission.</summary>
    public Fill CreateFill(OrderIntent order, decimal price, Instrument instrument, long timeUnixNs, long quoteSequence, int fillNumber = 1) =>
        new(
            OrderIds.FillId(order.ClientOrderId, fillNumber),
            order.ClientOrderId,
            order.InstrumentId,
            order.Side,
            order.Quantity,
            price,
            Commission.Compute(instrument.Kind, order.Quantity),
            timeUnixNs,
            quoteSequence);
}
