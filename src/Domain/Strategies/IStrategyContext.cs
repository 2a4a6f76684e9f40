using Aegis.Domain.Orders;

namespace Aegis.Domain.Strategies;

/// <summary>What a strategy may see and do while handling an event.</summary>
public interface IStrategyContext
{
    string ScenarioId { get; }

    /// <summary>Signed filled position in <paramref name="instrumentId"/>.</summary>
    long GetPosition(string instrumentId);

    /// <summary>Signed quantity of orders not yet filled: resting ones plus those submitted during this event.</summary>
    long GetWorkingQuantity(string instrumentId);

    /// <summary>
    /// Emits an order intent; it is risk-checked and matched after the handler returns.
    /// Returns the deterministic client order id.
    /// </summary>
    string Submit(
        OrderSide side,
        string instrumentId,
        long quantity,
        OrderType type = OrderType.Market,
        decimal? limitPrice = null,
        TimeInForce timeInForce = TimeInForce.Day);
}
