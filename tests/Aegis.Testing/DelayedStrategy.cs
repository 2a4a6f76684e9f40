using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Strategies;

namespace Aegis.Testing;

/// <summary>The reference moving-average crossover, blocked for a fixed time on every quote: a scenario
/// that cannot keep up with its feeds (a strategy waiting on something slow).</summary>
public sealed class DelayedStrategy(IStrategy inner, TimeSpan delay) : IStrategy
{
    public const string Name = "slow-ma-crossover";

    public static StrategyCatalog Catalog(TimeSpan delay) => StrategyCatalog.Reference.With(Name, parameters =>
    {
        var created = StrategyFactory.Create(StrategyFactory.MovingAverageCrossover, parameters);
        return created.Strategy is { } strategy ? new StrategyCreation(new DelayedStrategy(strategy, delay), []) : created;
    });

    string IStrategy.Name => Name;

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        Thread.Sleep(delay);
        inner.OnQuote(quote, context);
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context) => inner.OnTimer(nowUnixNs, context);

    public void OnFill(Fill fill, IStrategyContext context) => inner.OnFill(fill, context);

    public string SaveState() => inner.SaveState();

    public void RestoreState(string state) => inner.RestoreState(state);
}
