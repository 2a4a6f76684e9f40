using System.Text.Json.Serialization;

namespace Aegis.Domain.Orders;

/// <summary>An order a strategy wants placed. Ids are deterministic (see <see cref="OrderIds"/>).</summary>
/// <param name="ClientOrderId"><c>{scenarioId}-{counter}</c>.</param>
/// <param name="InstrumentId">Instrument to trade.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Units (shares or contracts), must be &gt; 0.</param>
/// <param name="Type">Market or limit.</param>
/// <param name="LimitPrice">Required for limit orders, ignored for market orders.</param>
/// <param name="TimeInForce">Day, GTC or IOC.</param>
public sealed record OrderIntent(
    string ClientOrderId,
    string InstrumentId,
    OrderSide Side,
    long Quantity,
    OrderType Type,
    decimal? LimitPrice,
    TimeInForce TimeInForce)
{
    /// <summary>Quantity with the sign of the side: positive for buys, negative for sells.</summary>
    [JsonIgnore]
    public long SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;

    /// <summary>Why the intent is malformed, or <see langword="null"/> when it is well formed.</summary>
    public string? GetValidationError()
    {
        if (Quantity <= 0)
        {
            return $"quantity must be > 0, got {Quantity}";
        }

        if (Type == OrderType.Limit && (LimitPrice is null || LimitPrice <= 0m))
        {
            return "limit order needs a limit price > 0";
        }

        return null;
    }
}
