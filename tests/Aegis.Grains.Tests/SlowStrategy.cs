using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Strategies;

namespace Aegis.Grains.Tests;

/// <summary>The reference moving-average crossover, made to take <see cref="Delay"/> per quote: a scenario that
/// cannot keep up with its feed.</summary>
internal sealed class SlowStrategy(IStrategy inner) : IStrategy
{
    public const string Name = "slow-ma-crossover";

    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(10);

    public static StrategyCatalog Catalog { get; } = StrategyCatalog.Reference.With(Name, parameters =>
    {
        var created = StrategyFactory.Create(StrategyFactory.MovingAverageCrossover, parameters);
        return created.Strategy is { } strategy ? new StrategyCreation(new SlowStrategy(strategy), []) : created;
    });

    string IStrategy.Name => Name;

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        Thread.Sleep(Delay);
        inner.OnQuote(quote, context);
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context) => inner.OnTimer(nowUnixNs, context);

    public void OnFill(Fill fill, IStrategyContext context) => inner.OnFill(fill, context);

    public string SaveState() => inner.SaveState();

    public void RestoreState(string state) => inner.RestoreState(state);
}
