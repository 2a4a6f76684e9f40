using Aegis.Domain.Instruments;

namespace Aegis.Domain.Execution;

/// <summary>
/// Per-order commission, IBKR "fixed" style: a rate per unit with a per-order minimum, plus an
/// optional flat fee per order. Equities pay <see cref="PerUnit"/> per share, options
/// <see cref="OptionPerContract"/> per contract; the minimum applies to both.
/// </summary>
/// <param name="PerUnit">Per share (equities). IBKR fixed: 0.005.</param>
/// <param name="Minimum">Per-order minimum. IBKR fixed: 1.00.</param>
/// <param name="PerOrder">Flat fee added to every order (exchange/clearing fees), if any.</param>
/// <param name="OptionPerContract">Per contract (options). IBKR: 0.65.</param>
public sealed record CommissionSchedule(
    decimal PerUnit,
    decimal Minimum,
    decimal? PerOrder = null,
    decimal OptionPerContract = 0.65m)
{
    /// <summary>0.005/share, 0.65/contract, 1.00 minimum, no per-order fee.</summary>
    public static CommissionSchedule Default { get; } = new(0.005m, 1.00m);

    /// <summary>No commission at all (for tests and what-if runs).</summary>
    public static CommissionSchedule Free { get; } = new(0m, 0m, null, 0m);

    /// <summary>Commission for one fill of <paramref name="quantity"/> units.</summary>
    public decimal Compute(InstrumentKind kind, long quantity)
    {
        var rate = kind == InstrumentKind.Option ? OptionPerContract : PerUnit;
        return Math.Max(Minimum, rate * quantity) + (PerOrder ?? 0m);
    }
}
