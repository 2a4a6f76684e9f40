namespace Aegis.Domain.Orders;

/// <summary>How an order is priced.</summary>
public enum OrderType
{
    /// <summary>Fills at the touch, adjusted by slippage.</summary>
    Market = 0,
    /// <summary>Fills only at the limit price or better.</summary>
    Limit = 1,
}
