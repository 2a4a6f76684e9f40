using Aegis.Domain.Strategies;
using Aegis.Domain.Time;

namespace Aegis.Domain.Tests;

public sealed class StrategyFactoryTests
{
    private static StrategyCreation Create(string name, params (string Key, string Value)[] parameters) =>
        StrategyFactory.Create(name, parameters.ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public void Each_known_name_creates_its_strategy()
    {
        Assert.IsType<MovingAverageCrossover>(Create("ma-crossover", ("fast", "5"), ("slow", "20"), ("quantity", "100")).Strategy);
        Assert.IsType<ZScoreMeanReversion>(Create("zscore-reversion", ("window", "20"), ("entryZ", "2"), ("exitZ", "0.5"), ("quantity", "10")).Strategy);
        var orb = Assert.IsType<OpeningRangeBreakout>(Create("opening-range-breakout", ("rangeMinutes", "15"), ("quantity", "10"),
            ("flattenMinutesBeforeClose", "10"), ("allowShort", "false")).Strategy);
        Assert.Equal((15, 10L, 10, false), (orb.RangeMinutes, orb.Quantity, orb.FlattenMinutesBeforeClose, orb.AllowShort));
        Assert.Same(ExchangeCalendar.UsEquities, orb.Calendar);
    }

    [Fact]
    public void Flatten_never_means_no_flattening() =>
        Assert.Null(Assert.IsType<OpeningRangeBreakout>(
            Create("opening-range-breakout", ("rangeMinutes", "15"), ("quantity", "10"), ("flattenMinutesBeforeClose", "never")).Strategy).FlattenMinutesBeforeClose);

    [Fact]
    public void Unknown_name_lists_the_known_strategies()
    {
        var error = Assert.Single(Create("foo").Errors);
        Assert.Equal("unknown strategy 'foo' (known: ma-crossover, zscore-reversion, opening-range-breakout)", error.ToString());
    }

    [Fact]
    public void Bad_integer_names_the_parameter_and_the_value() =>
        Assert.Equal(
            "parameter 'fast' must be a positive integer, got 'x'",
            Assert.Single(Create("ma-crossover", ("fast", "x"), ("slow", "20"), ("quantity", "100")).Errors).ToString());

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Create("ma-crossover", ("fast", "0"), ("quantity", "-1"), ("colour", "red")).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(
        [
            "parameter 'colour' is not a parameter of 'ma-crossover' (known: fast, slow, quantity, allowShort)",
            "parameter 'fast' must be a positive integer, got '0'",
            "parameter 'slow' is required (a positive integer)",
            "parameter 'quantity' must be a positive integer, got '-1'",
        ], errors);
    }

    [Fact]
    public void Fast_window_must_be_shorter_than_slow() =>
        Assert.Equal("fast", Assert.Single(Create("ma-crossover", ("fast", "20"), ("slow", "20"), ("quantity", "1")).Errors).Parameter);

    [Fact]
    public void Exit_z_must_be_below_entry_z() =>
        Assert.Equal("exitZ", Assert.Single(Create("zscore-reversion", ("window", "20"), ("entryZ", "1"), ("exitZ", "1.5"), ("quantity", "1")).Errors).Parameter);

    [Fact]
    public void Bad_flatten_is_reported() =>
        Assert.Equal(
            "parameter 'flattenMinutesBeforeClose' must be an integer >= 0 or 'never', got 'soon'",
            Assert.Single(Create("opening-range-breakout", ("rangeMinutes", "15"), ("quantity", "1"), ("flattenMinutesBeforeClose", "soon")).Errors).ToString());

    [Fact]
    public void Session_close_parameter_is_refused_because_the_close_comes_from_the_exchange_calendar() =>
        Assert.Equal(
            "parameter 'sessionCloseUtc' is no longer accepted: the session open and close now come from the exchange calendar " +
            "(US equities, early closes included); remove it",
            Assert.Single(Create("opening-range-breakout", ("rangeMinutes", "15"), ("quantity", "1"), ("sessionCloseUtc", "21:00")).Errors).ToString());
}
