using System.Globalization;

namespace Aegis.Domain.Orders;

/// <summary>
/// Deterministic order and fill ids: replaying the same quotes must produce the same ids so the
/// journal, the shadow lane and a backtest can be compared line by line.
/// </summary>
public static class OrderIds
{
    /// <summary><c>{scenarioId}-{counter}</c>.</summary>
    public static string ClientOrderId(string scenarioId, long counter) =>
        string.Create(CultureInfo.InvariantCulture, $"{scenarioId}-{counter}");

    /// <summary><c>{clientOrderId}-f{n}</c>.</summary>
    public static string FillId(string clientOrderId, int fillNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{clientOrderId}-f{fillNumber}");

    /// <summary>Reads the counter back from a client order id (scenario ids may contain '-').</summary>
    public static bool TryGetCounter(string clientOrderId, out long counter)
    {
        var dash = clientOrderId.LastIndexOf('-');
        counter = 0;
        return dash >= 0 && long.TryParse(clientOrderId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out counter);
    }
}
