using Aegis.Domain.Accounting;
using Aegis.Domain.Orders;

namespace Aegis.Domain.Tests;

public sealed class PortfolioTests
{
    private static Fill MakeFill(int n, string id, OrderSide side, long qty, decimal price, decimal commission) =>
        new($"s1-{n}-f1", $"s1-{n}", id, side, qty, price, commission, n, n);

    [Fact]
    public void Buying_moves_cash_by_notional_and_commission()
    {
        var portfolio = new Portfolio(10_000m);
        portfolio.ApplyFill(MakeFill(1, "SPY", OrderSide.Buy, 10, 100m, 1m), 1m);

        Assert.Equal(10_000m - 1_000m - 1m, portfolio.Cash);
        Assert.Equal(1m, portfolio.Commissions);
    }

    [Fact]
    public void Equity_is_cash_plus_marked_positions_and_shorts_count_negative()
    {
        var portfolio = new Portfolio(10_000m);
        portfolio.ApplyFill(MakeFill(1, "SPY", OrderSide.Sell, 10, 100m, 0m), 1m);
        portfolio.Mark("SPY", 90m);

        Assert.Equal(11_000m, portfolio.Cash);
        Assert.Equal(11_000m - 900m, portfolio.Equity);
        Assert.Equal(100m, portfolio.UnrealizedPnl);
    }

    [Fact]
    public void Accounting_identities_hold_over_a_seeded_random_fill_sequence()
    {
        var random = new Random(20250602);
        string[] ids = ["SPY", "AAPL", "OPT"];
        decimal[] multipliers = [1m, 1m, 100m];
        const decimal start = 1_000_000m;
        var portfolio = new Portfolio(start);
        var quantities = new long[ids.Length];
        var signedNotional = 0m;
        var commissions = 0m;

        for (var n = 1; n <= 1000; n++)
        {
            var k = random.Next(ids.Length);
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var qty = (long)random.Next(1, 300);
            var price = random.Next(1, 20_000) / 100m;
            var commission = random.Next(0, 500) / 100m;
            var fill = MakeFill(n, ids[k], side, qty, price, commission);

            portfolio.ApplyFill(fill, multipliers[k]);
            portfolio.Mark(ids[random.Next(ids.Length)], random.Next(1, 20_000) / 100m);
            quantities[k] += fill.SignedQuantity;
            signedNotional += fill.SignedQuantity * price * multipliers[k];
            commissions += commission;

            for (var i = 0; i < ids.Length; i++)
            {
                Assert.Equal(quantities[i], portfolio.GetPosition(ids[i]).Quantity);
            }

            Assert.Equal(start - signedNotional - commissions, portfolio.Cash);
            Assert.Equal(commissions, portfolio.Commissions);

            var marked = portfolio.Cash;
            for (var i = 0; i < ids.Length; i++)
            {
                var mark = portfolio.TryGetMark(ids[i], out var m) ? m : portfolio.GetPosition(ids[i]).AverageCost;
                marked += quantities[i] * mark * multipliers[i];
            }

            Assert.Equal(marked, portfolio.Equity);

            // Equity also equals start + realized + unrealized − commissions, up to the rounding of average costs.
            var viaPnl = start + portfolio.RealizedPnl + portfolio.UnrealizedPnl - portfolio.Commissions;
            Assert.True(Math.Abs(viaPnl - portfolio.Equity) < 0.000001m, $"fill {n}: {viaPnl} != {portfolio.Equity}");
        }
    }
}
