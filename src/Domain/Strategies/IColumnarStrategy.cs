using Aegis.Domain.Quotes;

namespace Aegis.Domain.Strategies;

/// <summary>
/// A strategy that can also run over <see cref="PreparedQuotes"/>: its indicators come from the shared columns
/// (computed once for every parameter set of a sweep), and it can say how far ahead it will certainly not act, so
/// the engine passes over those quotes in one step. Bound or not, it must make exactly the same decisions.
/// Quotes of a slot are addressed by ordinal: the position among the tradable quotes of that slot, which are the
/// quotes the strategy is shown.
/// </summary>
public interface IColumnarStrategy : IStrategy
{
    /// <summary>Takes its indicators from <paramref name="quotes"/> from now on. Only on a strategy that has seen no quote.</summary>
    void Bind(PreparedQuotes quotes);

    /// <summary>
    /// The first ordinal in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="slot"/> at which
    /// <see cref="OnQuoteAt"/> might submit an order, given the strategy's state at <paramref name="from"/>;
    /// <paramref name="to"/> when there is none. Changes nothing.
    /// </summary>
    int NextActive(int slot, int from, int to);

    /// <summary>The strategy is shown ordinals [<paramref name="from"/>, <paramref name="to"/>), on none of which it acts.</summary>
    void Pass(int slot, int from, int to);

    /// <summary>The quote at <paramref name="ordinal"/> of <paramref name="slot"/>, as <see cref="IStrategy.OnQuote"/> would take it.</summary>
    void OnQuoteAt(int slot, int ordinal, in Quote quote, IStrategyContext context);
}
