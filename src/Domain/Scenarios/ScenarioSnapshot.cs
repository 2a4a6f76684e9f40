using Aegis.Domain.Accounting;
using Aegis.Domain.Orders;

namespace Aegis.Domain.Scenarios;

/// <summary>Complete state of a <see cref="ScenarioEngine"/>, plain data for persistence.</summary>
/// <param name="Status">Lifecycle status.</param>
/// <param name="HaltReason">Why halted, if halted.</param>
/// <param name="Cash">Cash.</param>
/// <param name="Commissions">Commissions paid to date.</param>
/// <param name="Positions">Every traded position.</param>
/// <param name="OpenOrders">Resting orders, per instrument in submission order.</param>
/// <param name="Instruments">Last sequence and touch per instrument.</param>
/// <param name="Marks">Last mid per instrument.</param>
/// <param name="OrderCounter">Last order counter used.</param>
/// <param name="FillCount">Fills booked.</param>
/// <param name="StrategyState">Strategy's <c>SaveState()</c>.</param>
/// <param name="TradingDay">Trading day key of the current trading day.</param>
/// <param name="DayStartEquity">Equity when the trading day began (daily-loss baseline).</param>
/// <param name="RecentOrderTimesUnixNs">Times of the last accepted orders (orders-per-minute window).</param>
/// <param name="ThrottledUntilUnixNs">Until when further orders are refused without a journal entry (quote time).</param>
/// <param name="ThrottledOrders">Orders refused that way so far.</param>
/// <param name="DuplicateQuotes">Quotes dropped as duplicates so far.</param>
/// <param name="InvalidQuotes">Invalid quotes dropped so far.</param>
/// <param name="IgnoredQuotes">Quotes of instruments the scenario does not trade.</param>
/// <param name="OutOfSessionQuotes">Quotes outside regular hours, marked but not traded.</param>
public sealed record ScenarioSnapshot(
    ScenarioStatus Status,
    string? HaltReason,
    decimal Cash,
    decimal Commissions,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<OpenOrder> OpenOrders,
    IReadOnlyList<InstrumentCursor> Instruments,
    IReadOnlyDictionary<string, decimal> Marks,
    long OrderCounter,
    long FillCount,
    string StrategyState,
    long TradingDay,
    decimal DayStartEquity,
    IReadOnlyList<long> RecentOrderTimesUnixNs,
    long ThrottledUntilUnixNs = long.MinValue,
    long ThrottledOrders = 0,
    long DuplicateQuotes = 0,
    long InvalidQuotes = 0,
    long IgnoredQuotes = 0,
    long OutOfSessionQuotes = 0);
