using Aegis.Domain.Accounting;

namespace Aegis.Domain.Tests;

public sealed class PositionTests
{
    private static readonly Position Flat = Position.Flat("SPY");

    [Fact]
    public void Adding_to_a_long_averages_the_cost()
    {
        var p = Flat.Apply(100, 10m, 1m).Apply(100, 12m, 1m);
        Assert.Equal(new Position("SPY", 200, 11m, 0m), p);
    }

    [Fact]
    public void Reducing_a_long_realizes_at_the_average_cost_and_keeps_it()
    {
        var p = Flat.Apply(200, 11m, 1m).Apply(-50, 15m, 1m);
        Assert.Equal(new Position("SPY", 150, 11m, 200m), p);
    }

    [Fact]
    public void Selling_through_zero_closes_the_long_and_opens_a_short_at_the_trade_price()
    {
        var p = Flat.Apply(100, 10m, 1m).Apply(-150, 12m, 1m);
        Assert.Equal(new Position("SPY", -50, 12m, 200m), p);
    }

    [Fact]
    public void Buying_through_zero_covers_the_short_and_opens_a_long()
    {
        var p = Flat.Apply(-100, 10m, 100m).Apply(130, 9m, 100m);
        Assert.Equal(new Position("SPY", 30, 9m, 10_000m), p);
    }

    [Fact]
    public void Closing_exactly_leaves_a_flat_position_with_zero_cost()
    {
        var p = Flat.Apply(-100, 10m, 1m).Apply(100, 11m, 1m);
        Assert.Equal(new Position("SPY", 0, 0m, -100m), p);
    }

    [Fact]
    public void Unrealized_pnl_of_a_short_grows_when_the_price_falls() =>
        Assert.Equal(300m, Flat.Apply(-100, 10m, 1m).UnrealizedPnl(7m, 1m));
}
