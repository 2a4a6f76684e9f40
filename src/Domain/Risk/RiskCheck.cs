using System.Globalization;
using Aegis.Domain.Orders;
using Aegis.Domain.Time;

namespace Aegis.Domain.Risk;

/// <summary>
/// Pre-trade risk for one scenario. Orders that reduce the absolute exposure are always allowed
/// through the position and notional limits (a risk system must never block getting smaller); the
/// order-rate limit applies to everything. Time is the quote (or timer) time, so replay decides alike.
/// </summary>
public sealed class RiskCheck
{
    // Ring of the times of the last MaxOrdersPerMinute accepted orders: checking is O(1) and allocation-free.
    private readonly long[] acceptedTimesUnixNs;
    private int next;
    private int count;

    public RiskCheck(RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        acceptedTimesUnixNs = new long[Math.Max(limits.MaxOrdersPerMinute, 0)];
    }

    public RiskLimits Limits { get; }

    /// <summary>
    /// Checks one order. <paramref name="position"/> is the current signed position,
    /// <paramref name="working"/> the signed quantity of orders already resting,
    /// <paramref name="referencePrice"/> the price the order would trade at.
    /// </summary>
    public RiskDecision Check(OrderIntent order, long position, long working, decimal referencePrice, decimal multiplier, long nowUnixNs)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!HasOrderCapacity(nowUnixNs))
        {
            return RiskDecision.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"{order.ClientOrderId}: max orders per minute {Limits.MaxOrdersPerMinute} reached"));
        }

        var before = Math.Abs(position + working);
        var after = Math.Abs(position + working + order.SignedQuantity);
        if (after <= before)
        {
            return RiskDecision.Accepted;
        }

        if (after > Limits.MaxPositionUnits)
        {
            return RiskDecision.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"{order.ClientOrderId}: position {after} would exceed max position units {Limits.MaxPositionUnits}"));
        }

        var notional = after * referencePrice * multiplier;
        if (notional > Limits.MaxNotional)
        {
            return RiskDecision.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"{order.ClientOrderId}: notional {notional} would exceed max notional {Limits.MaxNotional}"));
        }

        return RiskDecision.Accepted;
    }

    /// <summary>Counts an accepted order in the sliding window.</summary>
    public void RecordAccepted(long nowUnixNs)
    {
        if (acceptedTimesUnixNs.Length == 0)
        {
            return;
        }

        acceptedTimesUnixNs[next] = nowUnixNs;
        next = (next + 1) % acceptedTimesUnixNs.Length;
        count = Math.Min(count + 1, acceptedTimesUnixNs.Length);
    }

    /// <summary>True when <paramref name="dayPnl"/> (realized + unrealized − commissions since the day began) breaches the daily loss.</summary>
    public bool IsDailyLossBreached(decimal dayPnl) => dayPnl <= -Limits.MaxDailyLoss;

    /// <summary>Accepted order times still in the window's memory, oldest first (for snapshots).</summary>
    public long[] GetRecentOrderTimes()
    {
        var times = new long[count];
        var start = (next - count + acceptedTimesUnixNs.Length) % Math.Max(acceptedTimesUnixNs.Length, 1);
        for (var i = 0; i < count; i++)
        {
            times[i] = acceptedTimesUnixNs[(start + i) % acceptedTimesUnixNs.Length];
        }

        return times;
    }

    /// <summary>Rebuilds the rate window from <see cref="GetRecentOrderTimes"/>.</summary>
    public static RiskCheck Restore(RiskLimits limits, IEnumerable<long> recentOrderTimesUnixNs)
    {
        ArgumentNullException.ThrowIfNull(recentOrderTimesUnixNs);
        var check = new RiskCheck(limits);
        foreach (var time in recentOrderTimesUnixNs)
        {
            check.RecordAccepted(time);
        }

        return check;
    }

    private bool HasOrderCapacity(long nowUnixNs)
    {
        if (count < acceptedTimesUnixNs.Length)
        {
            return true;
        }

        if (acceptedTimesUnixNs.Length == 0)
        {
            return false;
        }

        // The ring is full, so the slot we would overwrite next holds the oldest accepted order.
        var oldest = acceptedTimesUnixNs[next];
        return nowUnixNs - oldest >= UnixTime.NanosecondsPerMinute;
    }
}
