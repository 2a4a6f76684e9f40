namespace Aegis.Domain.Accounting;

/// <summary>
/// Net holding in one instrument. Average cost is per unit (before the multiplier); realized PnL
/// is gross of commissions (those are tracked by <see cref="Portfolio"/>).
/// </summary>
/// <param name="InstrumentId">Instrument held.</param>
/// <param name="Quantity">Signed units: positive long, negative short.</param>
/// <param name="AverageCost">Average entry price of the open quantity; 0 when flat.</param>
/// <param name="RealizedPnl">PnL locked in by reducing or closing, in account currency.</param>
public readonly record struct Position(string InstrumentId, long Quantity, decimal AverageCost, decimal RealizedPnl)
{
    /// <summary>A flat position with no history.</summary>
    public static Position Flat(string instrumentId) => new(instrumentId, 0, 0m, 0m);

    /// <summary>
    /// The position after trading <paramref name="signedQuantity"/> at <paramref name="price"/>:
    /// adding averages the cost, reducing realizes PnL at the old average, and crossing zero
    /// closes the old side and opens the remainder at the trade price.
    /// </summary>
    public Position Apply(long signedQuantity, decimal price, decimal multiplier)
    {
        if (signedQuantity == 0)
        {
            return this;
        }

        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signedQuantity))
        {
            var newQuantity = Quantity + signedQuantity;
            var cost = ((Math.Abs(Quantity) * AverageCost) + (Math.Abs(signedQuantity) * price)) / Math.Abs(newQuantity);
            return this with { Quantity = newQuantity, AverageCost = cost };
        }

        var closed = Math.Min(Math.Abs(signedQuantity), Math.Abs(Quantity));
        var realized = RealizedPnl + (closed * (price - AverageCost) * Math.Sign(Quantity) * multiplier);
        var remaining = Quantity + signedQuantity;
        var average = remaining == 0 ? 0m : Math.Sign(remaining) == Math.Sign(Quantity) ? AverageCost : price;
        return this with { Quantity = remaining, AverageCost = average, RealizedPnl = realized };
    }

    /// <summary>Open PnL at <paramref name="mark"/>.</summary>
    public decimal UnrealizedPnl(decimal mark, decimal multiplier) => Quantity * (mark - AverageCost) * multiplier;
}
