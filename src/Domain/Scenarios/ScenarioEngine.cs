using System.Globalization;
using Aegis.Domain.Accounting;
using Aegis.Domain.Execution;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Risk;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// One scenario's trading core, pure and deterministic: quote in, decision out. Per quote it
/// marks the portfolio, re-checks resting orders, runs the strategy, risk-checks and fills its
/// intents on the paper venue, feeds fills back and applies the daily-loss halt. A quote that
/// changes nothing allocates nothing. Not thread-safe: one engine belongs to one grain.
/// </summary>
public sealed class ScenarioEngine
{
    // A strategy that keeps submitting from OnFill would otherwise loop forever inside one quote.
    private const int MaxIntentsPerEvent = 1_000;

    private readonly Dictionary<string, InstrumentSlot> slots = new(StringComparer.Ordinal);
    private readonly InstrumentSlot[] slotsInSpecOrder;
    private readonly IStrategy strategy;
    private readonly Portfolio portfolio;
    private readonly RiskCheck risk;
    private readonly PaperFillModel fillModel;
    private readonly StrategyContext context;

    // Per-event buffers, reused so that an event with no outcome allocates nothing.
    private readonly List<OrderIntent> submitted = [];
    private readonly List<OrderIntent> accepted = [];
    private readonly List<Fill> fills = [];
    private readonly List<string> rejections = [];
    private readonly List<OrderCancellation> cancellations = [];

    private long orderCounter;
    private long throttledUntilUnixNs = long.MinValue;
    private bool throttleBeganInEvent;
    private long tradingDay = long.MinValue;
    private decimal dayStartEquity;
    private long eventTimeUnixNs;
    private bool inEvent;

    public ScenarioEngine(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy)
        : this(spec, instruments, strategy, null, null)
    {
    }

    private ScenarioEngine(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy, Portfolio? portfolio, RiskCheck? risk)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(strategy);
        Spec = spec;
        this.strategy = strategy;
        this.portfolio = portfolio ?? new Portfolio(spec.StartingCash);
        this.risk = risk ?? new RiskCheck(spec.Limits);
        fillModel = new PaperFillModel(spec.Commission, spec.Slippage);
        context = new StrategyContext(this);
        dayStartEquity = spec.StartingCash;
        slotsInSpecOrder = new InstrumentSlot[spec.Instruments.Count];
        for (var i = 0; i < spec.Instruments.Count; i++)
        {
            var id = spec.Instruments[i];
            var instrument = instruments(id) ?? throw new ArgumentException($"instrument '{id}' of scenario '{spec.Id}' is unknown", nameof(instruments));
            var slot = new InstrumentSlot(instrument);
            slots.Add(id, slot);
            slotsInSpecOrder[i] = slot;
        }
    }

    public ScenarioSpec Spec { get; }

    public ScenarioStatus Status { get; private set; }

    public string? HaltReason { get; private set; }

    public decimal Cash => portfolio.Cash;

    public IReadOnlyList<Position> Positions => portfolio.GetPositions();

    /// <summary>Last mid per instrument, the marks of unrealized PnL.</summary>
    public IReadOnlyDictionary<string, decimal> Marks => portfolio.GetMarks();

    public decimal RealizedPnl => portfolio.RealizedPnl;

    public decimal UnrealizedPnl => portfolio.UnrealizedPnl;

    public decimal Equity => portfolio.Equity;

    public decimal Commissions => portfolio.Commissions;

    public long FillCount { get; private set; }

    public long OrderCounter => orderCounter;

    /// <summary>
    /// Orders refused while the orders-per-minute limit was reached, after the first refusal of that
    /// stretch (which is journaled as a rejection). A strategy re-stating its target on every quote
    /// would otherwise turn every quote into a journaled rejection until the window frees up. A
    /// diagnostic count: refusals after the last snapshot are not journaled, so a crash forgets them.
    /// </summary>
    public long ThrottledOrders { get; private set; }

    /// <summary>Quotes dropped because their sequence was not above the last one processed (duplicates and out-of-order).</summary>
    public long DuplicateQuotes { get; private set; }

    /// <summary>Quotes dropped because <see cref="QuoteValidator"/> rejected them.</summary>
    public long InvalidQuotes { get; private set; }

    /// <summary>Quotes for instruments this scenario does not trade.</summary>
    public long IgnoredQuotes { get; private set; }

    /// <summary>Resting orders, per instrument in spec order, oldest first.</summary>
    public IReadOnlyList<OpenOrder> OpenOrders
    {
        get
        {
            var list = new List<OpenOrder>();
            foreach (var slot in slotsInSpecOrder)
            {
                list.AddRange(slot.OpenOrders);
            }

            return list;
        }
    }

    /// <summary>Signed position in <paramref name="instrumentId"/>.</summary>
    public Position GetPosition(string instrumentId) => portfolio.GetPosition(instrumentId);

    /// <summary>Last processed sequence for <paramref name="instrumentId"/>, −1 if none (or not traded by this scenario).</summary>
    public long LastSequence(string instrumentId) => slots.TryGetValue(instrumentId, out var slot) ? slot.LastSequence : -1;

    /// <summary>
    /// Handles one quote. Returns true with a decision when anything happened (intents, fills,
    /// rejections, cancellations or a status change). Quotes for other instruments, invalid quotes and
    /// quotes whose sequence is not above the last one for the instrument are dropped and counted.
    /// </summary>
    public bool TryProcess(in Quote quote, out ScenarioDecision? decision)
    {
        decision = null;
        if (!slots.TryGetValue(quote.InstrumentId, out var slot))
        {
            IgnoredQuotes++;
            return false;
        }

        if (QuoteValidator.Validate(quote) != QuoteRejectReason.None)
        {
            InvalidQuotes++;
            return false;
        }

        // Sequence gating is what makes a redelivered quote (stream replay, failover) never trade twice.
        if (quote.Sequence <= slot.LastSequence)
        {
            DuplicateQuotes++;
            return false;
        }

        var now = quote.ExchangeTimeUnixNs;
        RollTradingDay(now);
        slot.LastSequence = quote.Sequence;
        slot.Bid = quote.Bid;
        slot.Ask = quote.Ask;
        slot.QuoteTimeUnixNs = now;
        portfolio.Mark(quote.InstrumentId, quote.Mid);

        var statusBefore = Status;
        if (Status == ScenarioStatus.Running)
        {
            BeginEvent(now);
            try
            {
                MatchRestingOrders(slot, now);
                strategy.OnQuote(quote, context);
                ProcessSubmitted();
            }
            catch
            {
                DiscardEvent();
                throw;
            }
            finally
            {
                inEvent = false;
            }
        }

        CheckDailyLoss();
        return TryEmit(quote.InstrumentId, quote.Sequence, now, quote.Bid, quote.Ask, statusBefore, out decision);
    }

    /// <summary>
    /// Gives the strategy a timer tick at <paramref name="nowUnixNs"/>. Orders it submits are priced
    /// from the last quote of their instrument. Returns a decision only when something happened.
    /// </summary>
    public ScenarioDecision? OnTimer(long nowUnixNs)
    {
        if (Status != ScenarioStatus.Running)
        {
            return null;
        }

        BeginEvent(nowUnixNs);
        try
        {
            strategy.OnTimer(nowUnixNs, context);
            ProcessSubmitted();
        }
        catch
        {
            DiscardEvent();
            throw;
        }
        finally
        {
            inEvent = false;
        }

        CheckDailyLoss();
        return TryEmit(string.Empty, 0, nowUnixNs, 0m, 0m, ScenarioStatus.Running, out var decision) ? decision : null;
    }

    /// <summary>Stops the strategy from acting (prices are still marked). Returns false if not running.</summary>
    public bool Pause()
    {
        if (Status != ScenarioStatus.Running)
        {
            return false;
        }

        Status = ScenarioStatus.Paused;
        return true;
    }

    /// <summary>
    /// Paused or Halted → Running. Resuming from a halt is an explicit operator decision, so the
    /// daily-loss baseline restarts from the current equity (otherwise the next quote would halt again).
    /// </summary>
    public bool Resume()
    {
        if (Status is not (ScenarioStatus.Paused or ScenarioStatus.Halted))
        {
            return false;
        }

        if (Status == ScenarioStatus.Halted)
        {
            dayStartEquity = portfolio.Equity;
        }

        Status = ScenarioStatus.Running;
        HaltReason = null;
        return true;
    }

    /// <summary>Running or Paused → Halted with <paramref name="reason"/>.</summary>
    public bool Halt(string reason)
    {
        if (Status is not (ScenarioStatus.Running or ScenarioStatus.Paused))
        {
            return false;
        }

        Status = ScenarioStatus.Halted;
        HaltReason = reason;
        return true;
    }

    /// <summary>Terminal: drops resting orders and never trades again.</summary>
    public bool Retire()
    {
        if (Status == ScenarioStatus.Retired)
        {
            return false;
        }

        foreach (var slot in slotsInSpecOrder)
        {
            slot.OpenOrders.Clear();
            slot.RestingQuantity = 0;
        }

        Status = ScenarioStatus.Retired;
        return true;
    }

    /// <summary>The full state, as plain data.</summary>
    public ScenarioSnapshot Snapshot()
    {
        var cursors = new InstrumentCursor[slotsInSpecOrder.Length];
        for (var i = 0; i < cursors.Length; i++)
        {
            var slot = slotsInSpecOrder[i];
            cursors[i] = new InstrumentCursor(slot.Instrument.Id, slot.LastSequence, slot.Bid, slot.Ask, slot.QuoteTimeUnixNs);
        }

        return new ScenarioSnapshot(
            Status,
            HaltReason,
            portfolio.Cash,
            portfolio.Commissions,
            portfolio.GetPositions(),
            OpenOrders,
            cursors,
            portfolio.GetMarks(),
            orderCounter,
            FillCount,
            strategy.SaveState(),
            tradingDay,
            dayStartEquity,
            risk.GetRecentOrderTimes(),
            throttledUntilUnixNs,
            ThrottledOrders);
    }

    /// <summary>Rebuilds an engine from <see cref="Snapshot"/>; <paramref name="strategy"/> gets its saved state back.</summary>
    public static ScenarioEngine Restore(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy, ScenarioSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(snapshot);
        var portfolio = Portfolio.Restore(
            spec.StartingCash,
            snapshot.Cash,
            snapshot.Commissions,
            snapshot.Positions,
            id => instruments(id)?.Multiplier ?? 1m,
            snapshot.Marks);
        var engine = new ScenarioEngine(spec, instruments, strategy, portfolio, RiskCheck.Restore(spec.Limits, snapshot.RecentOrderTimesUnixNs))
        {
            Status = snapshot.Status,
            HaltReason = snapshot.HaltReason,
            FillCount = snapshot.FillCount,
            orderCounter = snapshot.OrderCounter,
            tradingDay = snapshot.TradingDay,
            dayStartEquity = snapshot.DayStartEquity,
            throttledUntilUnixNs = snapshot.ThrottledUntilUnixNs,
            ThrottledOrders = snapshot.ThrottledOrders,
        };

        foreach (var cursor in snapshot.Instruments)
        {
            if (engine.slots.TryGetValue(cursor.InstrumentId, out var slot))
            {
                slot.LastSequence = cursor.LastSequence;
                slot.Bid = cursor.Bid;
                slot.Ask = cursor.Ask;
                slot.QuoteTimeUnixNs = cursor.QuoteTimeUnixNs;
            }
        }

        foreach (var order in snapshot.OpenOrders)
        {
            engine.AddResting(order);
        }

        strategy.RestoreState(snapshot.StrategyState);
        return engine;
    }

    /// <summary>
    /// Re-applies a journaled decision made after the last snapshot: fills, resting orders,
    /// cancellations, the quote's sequence and mark, the order counter and status — without calling
    /// the strategy (its indicators stay as of the snapshot). Idempotent: a fill whose order is
    /// neither resting nor newer than the order counter has already been booked and is skipped.
    /// </summary>
    public void ApplyJournaled(ScenarioDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!string.Equals(decision.ScenarioId, Spec.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"decision of scenario '{decision.ScenarioId}' applied to '{Spec.Id}'", nameof(decision));
        }

        var now = decision.QuoteExchangeTimeUnixNs;
        var counterBefore = orderCounter;
        var isNew = decision.OrderCounterAfter > counterBefore;
        if (slots.TryGetValue(decision.InstrumentId, out var quoted) && decision.QuoteSequence > quoted.LastSequence)
        {
            isNew = true;
            RollTradingDay(now);
            quoted.LastSequence = decision.QuoteSequence;
            quoted.Bid = decision.Bid;
            quoted.Ask = decision.Ask;
            quoted.QuoteTimeUnixNs = now;
            portfolio.Mark(decision.InstrumentId, (decision.Bid + decision.Ask) / 2m);
        }

        foreach (var cancellation in decision.Cancellations)
        {
            RemoveResting(cancellation.ClientOrderId);
        }

        foreach (var fill in decision.Fills)
        {
            var booked = RemoveResting(fill.ClientOrderId)
                || (OrderIds.TryGetCounter(fill.ClientOrderId, out var counter) && counter > counterBefore);
            if (booked && slots.TryGetValue(fill.InstrumentId, out var slot))
            {
                portfolio.ApplyFill(fill, slot.Instrument.Multiplier);
                FillCount++;
            }
        }

        foreach (var intent in decision.Intents)
        {
            if (!OrderIds.TryGetCounter(intent.ClientOrderId, out var counter) || counter <= counterBefore)
            {
                continue;
            }

            risk.RecordAccepted(now);
            if (!Contains(decision.Fills, intent.ClientOrderId) && !Contains(decision.Cancellations, intent.ClientOrderId))
            {
                AddResting(new OpenOrder(intent, now));
            }
        }

        orderCounter = Math.Max(orderCounter, decision.OrderCounterAfter);
        if (decision.ThrottledUntilUnixNs is { } throttledUntil)
        {
            throttledUntilUnixNs = Math.Max(throttledUntilUnixNs, throttledUntil);
        }

        if (isNew)
        {
            Status = decision.StatusAfter;
            HaltReason = decision.HaltReason;
        }
    }

    private void BeginEvent(long nowUnixNs)
    {
        eventTimeUnixNs = nowUnixNs;
        inEvent = true;
    }

    // A strategy threw (a bug): drop the half-built event so it cannot leak into the next decision.
    // Fills already booked stay booked, exactly as a venue would have executed them.
    private void DiscardEvent()
    {
        submitted.Clear();
        accepted.Clear();
        fills.Clear();
        rejections.Clear();
        cancellations.Clear();
        throttleBeganInEvent = false;
        foreach (var slot in slotsInSpecOrder)
        {
            slot.PendingQuantity = 0;
        }
    }

    private void RollTradingDay(long nowUnixNs)
    {
        var day = UnixTime.UtcDay(nowUnixNs);
        if (day != tradingDay)
        {
            // Taken before the day's first mark, so an overnight gap counts against the new day.
            tradingDay = day;
            dayStartEquity = portfolio.Equity;
        }
    }

    private void MatchRestingOrders(InstrumentSlot slot, long now)
    {
        var orders = slot.OpenOrders;
        if (orders.Count == 0)
        {
            return;
        }

        var fillsBefore = fills.Count;
        var today = UnixTime.UtcDay(now);
        var kept = 0;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var intent = order.Intent;
            if (intent.TimeInForce == TimeInForce.Day && UnixTime.UtcDay(order.CreatedUnixNs) != today)
            {
                slot.RestingQuantity -= intent.SignedQuantity;
                cancellations.Add(new OrderCancellation(intent.ClientOrderId, "day order expired"));
                continue;
            }

            var match = fillModel.Match(intent, slot.Bid, slot.Ask, slot.Instrument);
            if (match.Action == FillAction.Fill)
            {
                slot.RestingQuantity -= intent.SignedQuantity;
                Book(fillModel.CreateFill(intent, match.Price, slot.Instrument, now, slot.LastSequence), slot.Instrument);
                continue;
            }

            orders[kept++] = order;
        }

        orders.RemoveRange(kept, orders.Count - kept);
        for (var i = fillsBefore; i < fills.Count; i++)
        {
            strategy.OnFill(fills[i], context);
        }
    }

    private void ProcessSubmitted()
    {
        // Index loop: OnFill may submit more intents while we iterate.
        for (var i = 0; i < submitted.Count; i++)
        {
            if (i >= MaxIntentsPerEvent)
            {
                throw new InvalidOperationException($"strategy '{strategy.Name}' submitted more than {MaxIntentsPerEvent} orders in one event");
            }

            var fill = Process(submitted[i]);
            if (fill is not null)
            {
                strategy.OnFill(fill, context);
            }
        }
    }

    private Fill? Process(OrderIntent intent)
    {
        if (!slots.TryGetValue(intent.InstrumentId, out var slot))
        {
            rejections.Add($"{intent.ClientOrderId}: instrument '{intent.InstrumentId}' is not traded by scenario '{Spec.Id}'");
            return null;
        }

        slot.PendingQuantity -= intent.SignedQuantity;
        if (intent.GetValidationError() is { } invalid)
        {
            rejections.Add($"{intent.ClientOrderId}: {invalid}");
            return null;
        }

        if (slot.LastSequence < 0)
        {
            rejections.Add($"{intent.ClientOrderId}: no quote yet for '{intent.InstrumentId}'");
            return null;
        }

        var referencePrice = intent.Type == OrderType.Limit
            ? intent.LimitPrice.GetValueOrDefault()
            : intent.Side == OrderSide.Buy ? slot.Ask : slot.Bid;
        if (eventTimeUnixNs < throttledUntilUnixNs)
        {
            ThrottledOrders++;
            return null;
        }

        var verdict = risk.Check(intent, portfolio.GetQuantity(intent.InstrumentId), slot.RestingQuantity, referencePrice, slot.Instrument.Multiplier, eventTimeUnixNs);
        if (!verdict.IsAccepted)
        {
            rejections.Add(verdict.Reason!);
            if (verdict.IsRateLimited)
            {
                throttledUntilUnixNs = verdict.RateLimitedUntilUnixNs;
                throttleBeganInEvent = true;
            }

            return null;
        }

        risk.RecordAccepted(eventTimeUnixNs);
        accepted.Add(intent);
        var match = fillModel.Match(intent, slot.Bid, slot.Ask, slot.Instrument);
        switch (match.Action)
        {
            case FillAction.Fill:
                var fill = fillModel.CreateFill(intent, match.Price, slot.Instrument, eventTimeUnixNs, slot.LastSequence);
                Book(fill, slot.Instrument);
                return fill;
            case FillAction.Rest:
                AddResting(new OpenOrder(intent, eventTimeUnixNs));
                return null;
            default:
                cancellations.Add(new OrderCancellation(intent.ClientOrderId, string.Create(CultureInfo.InvariantCulture,
                    $"IOC limit {intent.LimitPrice} not marketable (bid {slot.Bid}, ask {slot.Ask})")));
                return null;
        }
    }

    private void Book(Fill fill, Instrument instrument)
    {
        portfolio.ApplyFill(fill, instrument.Multiplier);
        FillCount++;
        fills.Add(fill);
    }

    private void CheckDailyLoss()
    {
        if (Status is not (ScenarioStatus.Running or ScenarioStatus.Paused))
        {
            return;
        }

        var dayPnl = portfolio.Equity - dayStartEquity;
        if (risk.IsDailyLossBreached(dayPnl))
        {
            Status = ScenarioStatus.Halted;
            HaltReason = string.Create(CultureInfo.InvariantCulture,
                $"daily loss {-dayPnl} reached max daily loss {Spec.Limits.MaxDailyLoss}");
        }
    }

    private bool TryEmit(string instrumentId, long sequence, long now, decimal bid, decimal ask, ScenarioStatus statusBefore, out ScenarioDecision? decision)
    {
        submitted.Clear();
        if (accepted.Count == 0 && fills.Count == 0 && rejections.Count == 0 && cancellations.Count == 0 && Status == statusBefore)
        {
            decision = null;
            return false;
        }

        decision = new ScenarioDecision(
            Spec.Id,
            instrumentId,
            sequence,
            now,
            accepted.ToArray(),
            fills.ToArray(),
            rejections.ToArray(),
            Status,
            cancellations.ToArray(),
            orderCounter,
            bid,
            ask,
            HaltReason,
            throttleBeganInEvent ? throttledUntilUnixNs : null);
        throttleBeganInEvent = false;
        accepted.Clear();
        fills.Clear();
        rejections.Clear();
        cancellations.Clear();
        return true;
    }

    private void AddResting(OpenOrder order)
    {
        if (slots.TryGetValue(order.Intent.InstrumentId, out var slot))
        {
            slot.OpenOrders.Add(order);
            slot.RestingQuantity += order.Intent.SignedQuantity;
        }
    }

    private bool RemoveResting(string clientOrderId)
    {
        foreach (var slot in slotsInSpecOrder)
        {
            var orders = slot.OpenOrders;
            for (var i = 0; i < orders.Count; i++)
            {
                if (string.Equals(orders[i].Intent.ClientOrderId, clientOrderId, StringComparison.Ordinal))
                {
                    slot.RestingQuantity -= orders[i].Intent.SignedQuantity;
                    orders.RemoveAt(i);
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<Fill> fills, string clientOrderId)
    {
        foreach (var fill in fills)
        {
            if (string.Equals(fill.ClientOrderId, clientOrderId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<OrderCancellation> cancellations, string clientOrderId)
    {
        foreach (var cancellation in cancellations)
        {
            if (string.Equals(cancellation.ClientOrderId, clientOrderId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class InstrumentSlot(Instrument instrument)
    {
        public Instrument Instrument { get; } = instrument;

        public long LastSequence { get; set; } = -1;

        public decimal Bid { get; set; }

        public decimal Ask { get; set; }

        public long QuoteTimeUnixNs { get; set; }

        public List<OpenOrder> OpenOrders { get; } = [];

        /// <summary>Signed quantity of resting orders.</summary>
        public long RestingQuantity { get; set; }

        /// <summary>Signed quantity submitted during the current event and not yet processed.</summary>
        public long PendingQuantity { get; set; }
    }

    private sealed class StrategyContext(ScenarioEngine engine) : IStrategyContext
    {
        public string ScenarioId => engine.Spec.Id;

        public long GetPosition(string instrumentId) => engine.portfolio.GetQuantity(instrumentId);

        public long GetWorkingQuantity(string instrumentId) =>
            engine.slots.TryGetValue(instrumentId, out var slot) ? slot.RestingQuantity + slot.PendingQuantity : 0;

        public string Submit(OrderSide side, string instrumentId, long quantity, OrderType type = OrderType.Market, decimal? limitPrice = null, TimeInForce timeInForce = TimeInForce.Day)
        {
            if (!engine.inEvent)
            {
                throw new InvalidOperationException("orders can only be submitted while the strategy handles an event");
            }

            var clientOrderId = OrderIds.ClientOrderId(engine.Spec.Id, ++engine.orderCounter);
            var intent = new OrderIntent(clientOrderId, instrumentId, side, quantity, type, type == OrderType.Limit ? limitPrice : null, timeInForce);
            engine.submitted.Add(intent);
            if (engine.slots.TryGetValue(instrumentId, out var slot))
            {
                slot.PendingQuantity += intent.SignedQuantity;
            }

            return clientOrderId;
        }
    }
}
