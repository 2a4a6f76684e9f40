namespace Aegis.Domain.Orders;

/// <summary>Direction of an order or fill.</summary>
public enum OrderSide
{
    Buy = 0,
    Sell = 1,
}
