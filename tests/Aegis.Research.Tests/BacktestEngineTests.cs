using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;

namespace Aegis.Research.Tests;

public sealed class BacktestEngineTests
{
    [Fact]
    public void A_backtest_makes_the_decisions_the_live_path_makes_on_the_same_quotes_delivered_in_random_batches()
    {
        var day = new MarketDay([Market.Walk("SPY", 6_000, 1)]);
        var spec = Market.Crossover();

        var backtest = BacktestEngine.Run(spec, StrategyCatalog.Reference, Market.Lookup, day.Merged(spec.Instruments), new BacktestOptions { KeepDecisions = true });
        var live = Live(spec, day.Merged(spec.Instruments), merged: false, seed: 7);

        Assert.True(backtest.DecisionCount > 10, $"the walk should make the crossover trade ({backtest.DecisionCount} decisions)");
        Assert.Equal(live.Decisions.Count, backtest.Decisions.Count);
        for (var i = 0; i < live.Decisions.Count; i++)
        {
            Assert.True(DecisionComparer.AreEqual(live.Decisions[i].Decision, backtest.Decisions[i].Decision), $"decision {i + 1} differs");
        }

        Assert.Equal(live.Engine.Equity, backtest.Equity[^1].Equity);
        Assert.Equal(live.Engine.FillCount, backtest.Trades.Count);
    }

    [Fact]
    public void A_scenario_of_several_instruments_takes_them_merged_in_exchange_time_order_as_the_live_lane_does()
    {
        var day = new MarketDay([Market.Walk("AAPL", 3_000, 2, 700), Market.Walk("MSFT", 3_000, 3, 900, 300m), Market.Walk("NVDA", 2_500, 4, 1_100, 50m)]);
        var spec = Market.ZScore("z", "AAPL", "MSFT", "NVDA");
        var merged = day.Merged(spec.Instruments);
        Assert.True(merged.Zip(merged.Skip(1)).All(p => ExchangeTimeOrder.Compare(p.First, p.Second) < 0), "the merge must follow ExchangeTimeOrder");

        var backtest = BacktestEngine.Run(spec, StrategyCatalog.Reference, Market.Lookup, merged, new BacktestOptions { KeepDecisions = true });
        var live = Live(spec, merged, merged: true, seed: 8);

        Assert.True(backtest.Trades.Count > 0);
        Assert.Equal(live.Decisions.Select(d => DecisionComparer.Describe(d.Decision)), backtest.Decisions.Select(d => DecisionComparer.Describe(d.Decision)));
    }

    [Fact]
    public void The_equity_curve_has_one_point_per_minute_with_quotes_and_ends_at_the_books_equity()
    {
        var quotes = Market.Walk("SPY", 600, 5); // 10 minutes at one quote a second
        var result = BacktestEngine.Run(Market.Crossover(), StrategyCatalog.Reference, Market.Lookup, new MarketDay([quotes]).Merged(["SPY"]));

        Assert.Equal(10, result.Equity.Count);
        Assert.All(result.Equity, p => Assert.Equal(0, p.TimeUnixNs % 60_000_000_000));
        Assert.Equal(600, result.QuotesProcessed);
        Assert.Equal(result.Equity.Count, result.Summary.Periods);
        Assert.Equal((double)(result.Equity[^1].Equity / 250_000m) - 1, result.Summary.TotalReturn, 12);
        Assert.Empty(result.Decisions); // only kept when asked
    }

    [Fact]
    public void Data_without_a_scenarios_instrument_is_refused_by_name()
    {
        var day = new MarketDay([Market.Walk("SPY", 10, 1)]);
        var error = Assert.Throws<ArgumentException>(() => day.Merged(["QQQ"]));
        Assert.Contains("no quotes of QQQ", error.Message, StringComparison.Ordinal);
    }

    // The live lane's path: the runner takes deliveries of random sizes as they come (merged releases for several instruments).
    private static (List<RecordedDecision> Decisions, ScenarioEngine Engine) Live(ScenarioSpec spec, Aegis.Domain.Quotes.Quote[] quotes, bool merged, int seed)
    {
        var engine = new ScenarioEngine(spec, Market.Lookup, StrategyCatalog.Reference.CreateFor(spec));
        var runner = new ScenarioRunner(engine);
        var random = new Random(seed);
        var inputs = new List<ScenarioInput>();
        var decisions = new List<RecordedDecision>();
        for (var at = 0; at < quotes.Length;)
        {
            var take = Math.Min(random.Next(1, 64), quotes.Length - at);
            if (merged)
            {
                runner.ProcessMerged(quotes.AsSpan(at, take), inputs, decisions);
            }
            else
            {
                runner.Process(quotes.AsSpan(at, take), inputs, decisions);
            }

            at += take;
        }

        return (decisions, engine);
    }
}
