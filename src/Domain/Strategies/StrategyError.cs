namespace Aegis.Domain.Strategies;

/// <summary>Why a strategy could not be created. <see cref="Parameter"/> is null when the name itself is wrong.</summary>
/// <param name="Parameter">Offending parameter name, if any.</param>
/// <param name="Message">What is wrong, e.g. <c>must be a positive integer, got 'x'</c>.</param>
public sealed record StrategyError(string? Parameter, string Message)
{
    /// <summary><c>parameter 'fast' must be a positive integer, got 'x'</c>.</summary>
    public override string ToString() => Parameter is null ? Message : $"parameter '{Parameter}' {Message}";
}
