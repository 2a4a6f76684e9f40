using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;

namespace Aegis.Domain.Strategies;

/// <summary>
/// A trading strategy. Implementations must be deterministic (no clocks, no unseeded randomness)
/// and should not allocate in <see cref="OnQuote"/> unless they submit an order: the same code runs
/// in the live, shadow and backtest lanes at millions of quotes per second.
/// </summary>
public interface IStrategy
{
    /// <summary>The factory name (<c>ma-crossover</c>…).</summary>
    string Name { get; }

    /// <summary>A valid quote for one of the scenario's instruments, in sequence order.</summary>
    void OnQuote(in Quote quote, IStrategyContext context);

    /// <summary>A timer tick; <paramref name="nowUnixNs"/> is the only clock a strategy may read.</summary>
    void OnTimer(long nowUnixNs, IStrategyContext context);

    /// <summary>One of this strategy's orders was filled.</summary>
    void OnFill(Fill fill, IStrategyContext context);

    /// <summary>Indicator state as JSON, so a restarted scenario does not have to warm up again.</summary>
    string SaveState();

    /// <summary>Loads what <see cref="SaveState"/> produced. State that does not fit the current parameters is dropped.</summary>
    void RestoreState(string state);
}
