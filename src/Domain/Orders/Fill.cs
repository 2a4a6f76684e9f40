using System.Text.Json.Serialization;

namespace Aegis.Domain.Orders;

/// <summary>An execution of (all of) an order. Paper fills are always for the full quantity.</summary>
/// <param name="FillId"><c>{clientOrderId}-f{n}</c>.</param>
/// <param name="ClientOrderId">Order filled.</param>
/// <param name="InstrumentId">Instrument traded.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Units filled, &gt; 0.</param>
/// <param name="Price">Price per unit (before the contract multiplier).</param>
/// <param name="Commission">Commission charged for this fill, in account currency.</param>
/// <param name="TimeUnixNs">Exchange time of the quote (or timer) that produced the fill.</param>
/// <param name="QuoteSequence">Sequence of the quote the fill was priced from.</param>
public sealed record Fill(
    string FillId,
    string ClientOrderId,
    string InstrumentId,
    OrderSide Side,
    long Quantity,
    decimal Price,
    decimal Commission,
    long TimeUnixNs,
    long QuoteSequence)
{
    /// <summary>Quantity with the sign of the side: positive for buys, negative for sells.</summary>
    [JsonIgnore]
    public long SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;
}
