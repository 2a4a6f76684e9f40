using Aegis.Domain.Execution;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Scenarios;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class PaperFillModelTests
{
    private static readonly PaperFillModel Model = new(CommissionSchedule.Default, new SlippageModel(2));

    private static OrderIntent Order(OrderSide side, OrderType type = OrderType.Market, decimal? limit = null, TimeInForce tif = TimeInForce.Day, long quantity = 100) =>
        new("s1-1", "SPY", side, quantity, type, limit, tif);

    [Fact]
    public void Market_buy_fills_at_the_ask_plus_slippage() =>
        Assert.Equal(new FillDecision(FillAction.Fill, 100.12m), Model.Match(Order(OrderSide.Buy), 100.00m, 100.10m, Spy));

    [Fact]
    public void Market_sell_fills_at_the_bid_minus_slippage() =>
        Assert.Equal(new FillDecision(FillAction.Fill, 99.98m), Model.Match(Order(OrderSide.Sell), 100.00m, 100.10m, Spy));

    [Fact]
    public void Crossed_buy_limit_fills_at_the_ask_with_price_improvement_and_no_slippage() =>
        Assert.Equal(new FillDecision(FillAction.Fill, 100.10m), Model.Match(Order(OrderSide.Buy, OrderType.Limit, 100.50m), 100.00m, 100.10m, Spy));

    [Fact]
    public void Crossed_sell_limit_fills_at_the_bid() =>
        Assert.Equal(new FillDecision(FillAction.Fill, 100.00m), Model.Match(Order(OrderSide.Sell, OrderType.Limit, 99.90m), 100.00m, 100.10m, Spy));

    [Fact]
    public void Buy_limit_below_the_ask_rests() =>
        Assert.Equal(FillAction.Rest, Model.Match(Order(OrderSide.Buy, OrderType.Limit, 100.09m), 100.00m, 100.10m, Spy).Action);

    [Fact]
    public void Gtc_sell_limit_above_the_bid_rests() =>
        Assert.Equal(FillAction.Rest, Model.Match(Order(OrderSide.Sell, OrderType.Limit, 100.01m, TimeInForce.Gtc), 100.00m, 100.10m, Spy).Action);

    [Fact]
    public void Ioc_limit_not_crossed_is_cancelled() =>
        Assert.Equal(FillAction.Cancel, Model.Match(Order(OrderSide.Buy, OrderType.Limit, 100.00m, TimeInForce.Ioc), 100.00m, 100.10m, Spy).Action);

    [Fact]
    public void Equity_commission_is_per_share_with_a_one_dollar_minimum()
    {
        Assert.Equal(1.00m, CommissionSchedule.Default.Compute(InstrumentKind.Equity, 100));
        Assert.Equal(5.00m, CommissionSchedule.Default.Compute(InstrumentKind.Equity, 1000));
    }

    [Fact]
    public void Option_commission_is_per_contract() =>
        Assert.Equal(6.50m, CommissionSchedule.Default.Compute(InstrumentKind.Option, 10));

    [Fact]
    public void Per_order_fee_is_added_on_top() =>
        Assert.Equal(1.35m, new CommissionSchedule(0.005m, 1m, 0.35m).Compute(InstrumentKind.Equity, 10));

    [Fact]
    public void Option_fill_moves_cash_by_price_times_multiplier()
    {
        var spec = Spec(commission: CommissionSchedule.Default, instruments: SpyCall.Id);
        var engine = Engine(spec, new OrdersAtSequence((1, OrderSide.Buy, 2, OrderType.Market, null, TimeInForce.Day)));

        Assert.True(engine.TryProcess(Q(SpyCall.Id, 3.10m, 3.20m, 1), out _));

        // 2 contracts × 3.20 × 100 + 2 × 0.65 commission.
        Assert.Equal(100_000m - 640m - 1.30m, engine.Cash);
        Assert.Equal(100_000m - 1.30m - 2 * (3.20m - 3.15m) * 100m, engine.Equity);
    }

    [Fact]
    public void Resting_limit_order_fills_on_a_later_quote_that_crosses_it()
    {
        var engine = Engine(Spec(), new OrdersAtSequence((1, OrderSide.Buy, 10, OrderType.Limit, 99.95m, TimeInForce.Gtc)));

        Assert.True(engine.TryProcess(Q("SPY", 100.00m, 100.10m, 1), out var placed));
        Assert.Empty(placed!.Fills);
        Assert.Single(engine.OpenOrders);
        Assert.False(engine.TryProcess(Q("SPY", 99.96m, 99.97m, 2), out _));
        Assert.True(engine.TryProcess(Q("SPY", 99.90m, 99.94m, 3), out var filled));

        var fill = Assert.Single(filled!.Fills);
        Assert.Equal((99.94m, 10L, "s1-1-f1", 3L), (fill.Price, fill.Quantity, fill.FillId, fill.QuoteSequence));
        Assert.Empty(engine.OpenOrders);
        Assert.Equal(10, engine.GetPosition("SPY").Quantity);
    }

    [Fact]
    public void Ioc_limit_not_crossed_is_reported_as_a_cancellation_and_never_rests()
    {
        var engine = Engine(Spec(), new OrdersAtSequence((1, OrderSide.Buy, 10, OrderType.Limit, 99.95m, TimeInForce.Ioc)));

        Assert.True(engine.TryProcess(Q("SPY", 100.00m, 100.10m, 1), out var decision));

        Assert.Equal("s1-1", Assert.Single(decision!.Cancellations).ClientOrderId);
        Assert.Empty(engine.OpenOrders);
        Assert.False(engine.TryProcess(Q("SPY", 99.00m, 99.01m, 2), out _));
        Assert.Equal(0, engine.FillCount);
    }

    [Fact]
    public void Day_order_expires_on_the_first_quote_of_the_next_utc_day()
    {
        var engine = Engine(Spec(), new OrdersAtSequence((1, OrderSide.Buy, 10, OrderType.Limit, 99.00m, TimeInForce.Day)));
        engine.TryProcess(Q("SPY", 100.00m, 100.10m, 1), out _);

        Assert.True(engine.TryProcess(Q("SPY", 98.00m, 98.01m, 2, T0 + Aegis.Domain.Time.UnixTime.NanosecondsPerDay), out var next));

        Assert.Equal("s1-1", Assert.Single(next!.Cancellations).ClientOrderId);
        Assert.Empty(next.Fills);
        Assert.Equal(ScenarioStatus.Running, engine.Status);
    }
}
