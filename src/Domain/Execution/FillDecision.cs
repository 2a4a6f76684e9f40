namespace Aegis.Domain.Execution;

/// <summary>Outcome of matching one order against one quote; a value so matching does not allocate.</summary>
/// <param name="Action">Fill, rest or cancel.</param>
/// <param name="Price">Fill price per unit when <paramref name="Action"/> is <see cref="FillAction.Fill"/>, else 0.</param>
public readonly record struct FillDecision(FillAction Action, decimal Price);
