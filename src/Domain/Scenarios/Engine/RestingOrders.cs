using Aegis.Domain.Orders;

namespace Aegis.Domain.Scenarios.Engine;

/// <summary>One instrument's resting orders, oldest first, and their signed working quantity.</summary>
internal sealed class RestingOrders
{
    private readonly List<OpenOrder> _orders = [];

    public IReadOnlyList<OpenOrder> Orders => _orders;

    public int Count => _orders.Count;

    /// <summary>Signed quantity of the resting orders.</summary>
    public long Quantity { get; private set; }

    public void Add(OpenOrder order)
    {
        _orders.Add(order);
        Quantity += order.Intent.SignedQuantity;
    }

    public bool TryRemove(string clientOrderId)
    {
        for (var i = 0; i < _orders.Count; i++)
        {
            if (string.Equals(_orders[i].Intent.ClientOrderId, clientOrderId, StringComparison.Ordinal))
            {
                Quantity -= _orders[i].Intent.SignedQuantity;
                _orders.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        _orders.Clear();
        Quantity = 0;
    }

    /// <summary>
    /// Offers every order to <paramref name="decide"/> in age order; the ones it returns true for
    /// (filled or cancelled) leave the book. One pass, no allocation.
    /// </summary>
    public void Sweep<TState>(ref TState state, SweepDecision<TState> decide)
    {
        var kept = 0;
        for (var i = 0; i < _orders.Count; i++)
        {
            var order = _orders[i];
            if (decide(ref state, order))
            {
                Quantity -= order.Intent.SignedQuantity;
                continue;
            }

            _orders[kept++] = order;
        }

        _orders.RemoveRange(kept, _orders.Count - kept);
    }
}
