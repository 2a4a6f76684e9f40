namespace Aegis.Domain.Strategies;

/// <summary>Result of <see cref="StrategyFactory.Create"/>: a strategy, or every error found.</summary>
public sealed record StrategyCreation(IStrategy? Strategy, IReadOnlyList<StrategyError> Errors)
{
    public bool Succeeded => Strategy is not null;
}
