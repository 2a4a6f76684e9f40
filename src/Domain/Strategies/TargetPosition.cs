using Aegis.Domain.Orders;

namespace Aegis.Domain.Strategies;

/// <summary>
/// Reference strategies think in target positions, not orders: re-stating a target is idempotent,
/// so a rejected or still-working order is never doubled up.
/// </summary>
internal static class TargetPosition
{
    public static void MoveTo(IStrategyContext context, string instrumentId, long target)
    {
        var current = context.GetPosition(instrumentId) + context.GetWorkingQuantity(instrumentId);
        var delta = target - current;
        if (delta > 0)
        {
            context.Submit(OrderSide.Buy, instrumentId, delta);
        }
        else if (delta < 0)
        {
            context.Submit(OrderSide.Sell, instrumentId, -delta);
        }
    }
}
