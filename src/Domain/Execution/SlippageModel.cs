namespace Aegis.Domain.Execution;

/// <summary>
/// Slippage in whole ticks of the instrument's <c>TickSize</c>, always against the trader: a market
/// buy pays the ask plus <see cref="Ticks"/> ticks, a market sell gets the bid minus them. Ticks
/// rather than basis points because they scale with how the instrument is actually quoted (a 1 bp
/// move on a $0.40 option is not a price). Limit orders never slip: they fill at their price or
/// better by definition.
/// </summary>
/// <param name="Ticks">Adverse ticks per market fill, &gt;= 0.</param>
public sealed record SlippageModel(int Ticks)
{
    /// <summary>No slippage.</summary>
    public static SlippageModel None { get; } = new(0);

    /// <summary>One tick: a conservative default, since paper fills at the touch flatter a strategy.</summary>
    public static SlippageModel Default { get; } = new(1);
}
