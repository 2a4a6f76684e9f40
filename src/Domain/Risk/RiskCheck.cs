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
    // Times of the accepted orders of the last minute, oldest first, as a ring that grows on demand up
    // to MaxOrdersPerMinute: checking is O(1) and allocation-free once grown, and a generous limit costs
    // memory only when orders actually come that fast.
    private long[] acceptedTimesUnixNs = new long[4];
    private int head;
    private int count;

    public RiskCheck(RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
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
        ForgetOlderThanAMinute(nowUnixNs);
        if (count >= Limits.MaxOrdersPerMinute)
        {
            var until = count == 0 ? long.MaxValue : acceptedTimesUnixNs[head] + UnixTime.NanosecondsPerMinute;
            return new RiskDecision(false, string.Create(CultureInfo.InvariantCulture,
                $"{order.ClientOrderId}: max orders per minute {Limits.MaxOrdersPerMinute} reached"), until);
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
        if (Limits.MaxOrdersPerMinute <= 0)
        {
            return;
        }

        ForgetOlderThanAMinute(nowUnixNs);
        if (count == Limits.MaxOrdersPerMinute)
        {
            // Only when re-applying a journal over a snapshot: keep the newest MaxOrdersPerMinute.
            head = (head + 1) % acceptedTimesUnixNs.Length;
            count--;
        }

        if (count == acceptedTimesUnixNs.Length)
        {
            Grow();
        }

        acceptedTimesUnixNs[(head + count) % acceptedTimesUnixNs.Length] = nowUnixNs;
        count++;
    }

    /// <summary>True when <paramref name="dayPnl"/> (realized + unrealized − commissions since the day began) breaches the daily loss.</summary>
    public bool IsDailyLossBreached(decimal dayPnl) => dayPnl <= -Limits.MaxDailyLoss;

    /// <summary>Accepted order times still in the window's memory, oldest first (for snapshots).</summary>
    public long[] GetRecentOrderTimes()
    {
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = acceptedTimesUnixNs[(head + i) % acceptedTimesUnixNs.Length];
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

    private void ForgetOlderThanAMinute(long nowUnixNs)
    {
        while (count > 0 && nowUnixNs - acceptedTimesUnixNs[head] >= UnixTime.NanosecondsPerMinute)
        {
            head = (head + 1) % acceptedTimesUnixNs.Length;
            count--;
        }
    }

    private void Grow()
    {
        var grown = new long[Math.Min(acceptedTimesUnixNs.Length * 2, Math.Max(Limits.MaxOrdersPerMinute, 4))];
        for (var i = 0; i < count; i++)
        {
            grown[i] = acceptedTimesUnixNs[(head + i) % acceptedTimesUnixNs.Length];
        }

        acceptedTimesUnixNs = grown;
        head = 0;
    }
}
