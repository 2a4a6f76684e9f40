using System.Globalization;
using Aegis.Domain.Accounting;
using Aegis.Domain.Execution;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Risk;
using Aegis.Domain.Scenarios.Engine;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// One scenario's trading core, pure and deterministic: input in, decision out. Per quote it marks
/// the portfolio, re-checks resting orders, runs the strategy, risk-checks and executes its intents
/// through the fill model, feeds fills back and applies the daily-loss halt. Live processing, crash
/// recovery, the shadow lane and backtests all drive this one class (through
/// <see cref="Replay.ScenarioRunner"/>), so there is a single booking path. A strategy that throws halts the
/// scenario with the exception as the reason. Not thread-safe: one engine belongs to one owner.
/// </summary>
public sealed partial class ScenarioEngine
{
    // A strategy that keeps submitting from OnFill would otherwise loop forever inside one quote.
    private const int MaxIntentsPerEvent = 1_000;

    private readonly Dictionary<string, InstrumentSlot> slots = new(StringComparer.Ordinal);
    private readonly InstrumentSlot[] slotsInSpecOrder;
    private readonly IStrategy strategy;
    private readonly Portfolio portfolio;
    private readonly RiskCheck risk;
    private readonly IFillModel fillModel;
    private readonly StrategyContext context;
    private readonly DecisionBuilder decision;
    private readonly List<OrderIntent> submitted = [];

    // The trading day, Day-order expiry and the daily-loss baseline roll on the exchange session, and
    // quotes outside regular hours are marked but not traded unless the spec allows extended hours.
    private readonly SessionCursor session = ExchangeCalendar.UsEquities.CreateCursor();

    private long orderCounter;
    private long throttledUntilUnixNs = long.MinValue;
    private long tradingDay = long.MinValue;
    private decimal dayStartEquity;
    private long eventTimeUnixNs;
    private bool inEvent;

    public ScenarioEngine(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy, IFillModel? fillModel = null)
        : this(spec, instruments, strategy, fillModel, null, null)
    {
    }

    private ScenarioEngine(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy, IFillModel? fillModel, Portfolio? portfolio, RiskCheck? risk)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(strategy);
        Spec = spec;
        this.strategy = strategy;
        this.portfolio = portfolio ?? new Portfolio(spec.StartingCash);
        this.risk = risk ?? new RiskCheck(spec.Limits);
        this.fillModel = fillModel ?? new PaperFillModel(spec.Commission, spec.Slippage);
        context = new StrategyContext(this);
        decision = new DecisionBuilder(spec.Id);
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

    /// <summary>Σ |quantity × mark × multiplier| over the open positions.</summary>
    public decimal GrossExposure => portfolio.GrossExposure;

    public decimal Commissions => portfolio.Commissions;

    public long FillCount { get; private set; }

    public long OrderCounter => orderCounter;

    /// <summary>
    /// Orders refused while the orders-per-minute limit was reached, after the first refusal of that
    /// stretch (which is journaled as a rejection). A strategy re-stating its target on every quote
    /// would otherwise turn every quote into a journaled rejection until the window frees up.
    /// </summary>
    public long ThrottledOrders { get; private set; }

    /// <summary>Quotes dropped because their sequence was not above the last one processed from their source (duplicates and out-of-order).</summary>
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
                list.AddRange(slot.Resting.Orders);
            }

            return list;
        }
    }

    /// <summary>Signed position in <paramref name="instrumentId"/>.</summary>
    public Position GetPosition(string instrumentId) => portfolio.GetPosition(instrumentId);

    /// <summary>The latest exchange time of any instrument's last processed quote (0 before the first).</summary>
    public long LastQuoteTimeUnixNs => slots.Count == 0 ? 0 : slots.Values.Max(s => s.QuoteTimeUnixNs);

    /// <summary>The last processed sequence of a stream; false when the scenario has not processed any quote of it.</summary>
    public bool TryGetLastSequence(string instrumentId, string source, out long sequence)
    {
        sequence = slots.TryGetValue(instrumentId, out var slot) ? slot.LastSequence(source) : long.MinValue;
        return sequence != long.MinValue;
    }

    /// <summary>Last processed sequence of <paramref name="instrumentId"/> from <paramref name="source"/>; −1 if none.</summary>
    public long LastSequence(string instrumentId, string source) =>
        slots.TryGetValue(instrumentId, out var slot) && slot.LastSequence(source) is var last and not long.MinValue ? last : -1;

    /// <summary>
    /// Handles one quote. Returns true with a decision when anything happened (intents, fills,
    /// rejections, cancellations or a status change). Quotes for other instruments, invalid quotes and
    /// quotes whose sequence is not above the last one of their source are dropped and counted.
    /// </summary>
    public bool TryProcess(in Quote quote, out ScenarioDecision? made)
    {
        if (prepared is not null)
        {
            throw new InvalidOperationException($"scenario '{Spec.Id}' is bound to prepared quotes: it takes them by index (ProcessPrepared)");
        }

        return TryProcess(quote, -1, out made);
    }

    // preparedIndex: the quote's index in the bound PreparedQuotes, or −1.
    private bool TryProcess(in Quote quote, int preparedIndex, out ScenarioDecision? made)
    {
        made = null;
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

        // Sequence gating per source is what makes a redelivered quote (failover, catch-up) never trade twice.
        if (quote.Sequence <= slot.LastSequence(quote.Source))
        {
            DuplicateQuotes++;
            return false;
        }

        var now = quote.ExchangeTimeUnixNs;
        var statusBefore = Status;
        RollTradingDay(now);
        slot.Advance(quote.Source, quote.Sequence);
        slot.LastQuoteSequence = quote.Sequence;
        slot.Bid = quote.Bid;
        slot.Ask = quote.Ask;
        slot.QuoteTimeUnixNs = now;
        portfolio.Mark(quote.InstrumentId, quote.Mid);

        var tradable = Spec.ExtendedHours || session.GetPhase(now) == SessionPhase.Regular;
        if (!tradable)
        {
            OutOfSessionQuotes++;
        }

        if (Status == ScenarioStatus.Running && tradable)
        {
            BeginEvent(now);
            try
            {
                MatchRestingOrders(slot, now);
                if (preparedIndex >= 0 && columnar is not null)
                {
                    var slotIndex = prepared!.SlotAt(preparedIndex);
                    columnar.OnQuoteAt(slotIndex, prepared.TradableOrdinalAt(slotIndex, preparedIndex), quote, context);
                }
                else
                {
                    strategy.OnQuote(quote, context);
                }
                ProcessSubmitted();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fault(ex);
            }
            finally
            {
                inEvent = false;
            }
        }

        CheckDailyLoss();
        made = decision.Build(new DecisionEvent(quote.InstrumentId, quote.Source, quote.Sequence, now, quote.Bid, quote.Ask),
            statusBefore, Status, HaltReason, orderCounter);
        return made is not null;
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
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fault(ex);
        }
        finally
        {
            inEvent = false;
        }

        CheckDailyLoss();
        return decision.Build(new DecisionEvent(string.Empty, null, 0, nowUnixNs, 0m, 0m), ScenarioStatus.Running, Status, HaltReason, orderCounter);
    }

    /// <summary>Applies an operator command at event time <paramref name="timeUnixNs"/>; the decision records the status change (null when refused).</summary>
    public ScenarioDecision? Apply(ScenarioCommand command, string? reason, long timeUnixNs)
    {
        var before = Status;
        var changed = command switch
        {
            ScenarioCommand.Pause => Pause(),
            ScenarioCommand.Resume => Resume(),
            ScenarioCommand.Halt => Halt(reason ?? "halted"),
            ScenarioCommand.Retire => Retire(),
            _ => false,
        };
        return changed
            ? decision.Build(new DecisionEvent(string.Empty, null, 0, timeUnixNs, 0m, 0m), before, Status, HaltReason, orderCounter)
            : null;
    }

    /// <summary>Stops the strategy from acting (prices are still marked). Returns false if not running.</summary>
    public bool Pause()
    {
        ThrowIfPrepared("paused");
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
        ThrowIfPrepared("resumed");
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
            slot.Resting.Clear();
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
            cursors[i] = new InstrumentCursor(slot.Instrument.Id, slot.LastQuoteSequence, slot.Bid, slot.Ask, slot.QuoteTimeUnixNs, slot.Sources());
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
            ThrottledOrders,
            DuplicateQuotes,
            InvalidQuotes,
            IgnoredQuotes,
            OutOfSessionQuotes);
    }

    /// <summary>Rebuilds an engine from <see cref="Snapshot"/>; <paramref name="strategy"/> gets its saved state back.</summary>
    public static ScenarioEngine Restore(ScenarioSpec spec, Func<string, Instrument?> instruments, IStrategy strategy, ScenarioSnapshot snapshot, IFillModel? fillModel = null)
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
        var engine = new ScenarioEngine(spec, instruments, strategy, fillModel, portfolio, RiskCheck.Restore(spec.Limits, snapshot.RecentOrderTimesUnixNs))
        {
            Status = snapshot.Status,
            HaltReason = snapshot.HaltReason,
            FillCount = snapshot.FillCount,
            orderCounter = snapshot.OrderCounter,
            tradingDay = snapshot.TradingDay,
            dayStartEquity = snapshot.DayStartEquity,
            throttledUntilUnixNs = snapshot.ThrottledUntilUnixNs,
            ThrottledOrders = snapshot.ThrottledOrders,
            DuplicateQuotes = snapshot.DuplicateQuotes,
            InvalidQuotes = snapshot.InvalidQuotes,
            IgnoredQuotes = snapshot.IgnoredQuotes,
            OutOfSessionQuotes = snapshot.OutOfSessionQuotes,
        };

        foreach (var cursor in snapshot.Instruments)
        {
            if (engine.slots.TryGetValue(cursor.InstrumentId, out var slot))
            {
                slot.LastQuoteSequence = cursor.LastSequence;
                slot.Bid = cursor.Bid;
                slot.Ask = cursor.Ask;
                slot.QuoteTimeUnixNs = cursor.QuoteTimeUnixNs;
                foreach (var source in cursor.Sources ?? [])
                {
                    slot.Advance(source.Source, source.LastSequence);
                }
            }
        }

        foreach (var order in snapshot.OpenOrders)
        {
            if (engine.slots.TryGetValue(order.Intent.InstrumentId, out var slot))
            {
                slot.Resting.Add(order);
            }
        }

        strategy.RestoreState(snapshot.StrategyState);
        return engine;
    }

    /// <summary>The trading day of an instant (the exchange's local date): the day the daily-loss baseline and Day orders belong to.</summary>
    private long TradingDayOf(long unixNs) => session.TradingDayKey(unixNs);

    /// <summary>Quotes outside the regular session that the scenario only marks (its spec does not allow extended hours).</summary>
    public long OutOfSessionQuotes { get; private set; }

    private void BeginEvent(long nowUnixNs)
    {
        eventTimeUnixNs = nowUnixNs;
        inEvent = true;
    }

    // A strategy threw (a bug in it): intents it submitted but that were not executed yet are dropped,
    // and the scenario halts with the exception as the reason. Fills already booked in this event stay
    // booked and in its decision, exactly as a venue would have executed them. A replay throws the
    // same exception at the same input, so the halt replays too.
    private void Fault(Exception ex)
    {
        submitted.Clear();
        foreach (var slot in slotsInSpecOrder)
        {
            slot.PendingQuantity = 0;
        }

        Status = ScenarioStatus.Halted;
        HaltReason = string.Create(CultureInfo.InvariantCulture, $"strategy fault: {ex.GetType().Name}: {ex.Message}");
    }

    private void RollTradingDay(long nowUnixNs)
    {
        var day = TradingDayOf(nowUnixNs);
        if (day != tradingDay)
        {
            // Taken before the day's first mark, so an overnight gap counts against the new day.
            tradingDay = day;
            dayStartEquity = portfolio.Equity;
        }
    }

    private void MatchRestingOrders(InstrumentSlot slot, long now)
    {
        if (slot.Resting.Count == 0)
        {
            return;
        }

        var fillsBefore = decision.FillCount;
        var state = new SweepState(this, slot, now, TradingDayOf(now));
        slot.Resting.Sweep(ref state, static (ref SweepState s, OpenOrder order) => s.Engine.TryExecuteResting(s.Slot, order, s.Now, s.Today));
        for (var i = fillsBefore; i < decision.FillCount; i++)
        {
            strategy.OnFill(decision.FillAt(i), context);
        }
    }

    // True when the resting order leaves the book: expired (a Day order from an earlier trading day) or filled.
    private bool TryExecuteResting(InstrumentSlot slot, OpenOrder order, long now, long today)
    {
        var intent = order.Intent;
        if (intent.TimeInForce == TimeInForce.Day && TradingDayOf(order.CreatedUnixNs) != today)
        {
            decision.Cancelled(new OrderCancellation(intent.ClientOrderId, "day order expired"));
            return true;
        }

        var match = fillModel.Match(intent, slot.Bid, slot.Ask, slot.Instrument);
        if (match.Action != FillAction.Fill)
        {
            return false;
        }

        Book(fillModel.CreateFill(intent, match.Price, slot.Instrument, now, slot.LastQuoteSequence), slot.Instrument);
        return true;
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

            var fill = Execute(submitted[i]);
            if (fill is not null)
            {
                strategy.OnFill(fill, context);
            }
        }

        submitted.Clear();
    }

    private Fill? Execute(OrderIntent intent)
    {
        if (!slots.TryGetValue(intent.InstrumentId, out var slot))
        {
            decision.Rejected($"{intent.ClientOrderId}: instrument '{intent.InstrumentId}' is not traded by scenario '{Spec.Id}'");
            return null;
        }

        slot.PendingQuantity -= intent.SignedQuantity;
        if (intent.GetValidationError() is { } invalid)
        {
            decision.Rejected($"{intent.ClientOrderId}: {invalid}");
            return null;
        }

        if (!slot.HasQuote)
        {
            decision.Rejected($"{intent.ClientOrderId}: no quote yet for '{intent.InstrumentId}'");
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

        var verdict = risk.Check(intent, portfolio.GetQuantity(intent.InstrumentId), slot.Resting.Quantity, referencePrice, slot.Instrument.Multiplier, eventTimeUnixNs);
        if (!verdict.IsAccepted)
        {
            decision.Rejected(verdict.Reason!);
            if (verdict.IsRateLimited)
            {
                throttledUntilUnixNs = verdict.RateLimitedUntilUnixNs;
                decision.ThrottleBegan(throttledUntilUnixNs);
            }

            return null;
        }

        risk.RecordAccepted(eventTimeUnixNs);
        decision.Accepted(intent);
        var match = fillModel.Match(intent, slot.Bid, slot.Ask, slot.Instrument);
        switch (match.Action)
        {
            case FillAction.Fill:
                var fill = fillModel.CreateFill(intent, match.Price, slot.Instrument, eventTimeUnixNs, slot.LastQuoteSequence);
                Book(fill, slot.Instrument);
                return fill;
            case FillAction.Rest:
                slot.Resting.Add(new OpenOrder(intent, eventTimeUnixNs));
                return null;
            default:
                decision.Cancelled(new OrderCancellation(intent.ClientOrderId, string.Create(CultureInfo.InvariantCulture,
                    $"IOC limit {intent.LimitPrice} not marketable (bid {slot.Bid}, ask {slot.Ask})")));
                return null;
        }
    }

    private void Book(Fill fill, Instrument instrument)
    {
        portfolio.ApplyFill(fill, instrument.Multiplier);
        FillCount++;
        decision.Filled(fill);
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

    private readonly record struct SweepState(ScenarioEngine Engine, InstrumentSlot Slot, long Now, long Today);

    private sealed class StrategyContext(ScenarioEngine engine) : IStrategyContext
    {
        public string ScenarioId => engine.Spec.Id;

        public long GetPosition(string instrumentId) => engine.portfolio.GetQuantity(instrumentId);

        public long GetWorkingQuantity(string instrumentId) =>
            engine.slots.TryGetValue(instrumentId, out var slot) ? slot.Resting.Quantity + slot.PendingQuantity : 0;

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
