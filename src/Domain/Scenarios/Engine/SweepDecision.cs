using Aegis.Domain.Orders;

namespace Aegis.Domain.Scenarios.Engine;

/// <summary>True when <paramref name="order"/> leaves the book.</summary>
internal delegate bool SweepDecision<TState>(ref TState state, OpenOrder order);
