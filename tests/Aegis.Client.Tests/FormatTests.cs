using Aegis.Client.Infrastructure;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class FormatTests
{
    [Theory]
    [InlineData("1234.5", "1234.50")]
    [InlineData("-12", "-12.00")]
    [InlineData("0", "0.00")]
    [InlineData("100000.125", "100000.13")]
    public void Money_has_two_decimals_a_dot_and_no_thousands_separator(string value, string expected) =>
        Assert.Equal(expected, Format.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("189.1", "189.10")]
    [InlineData("0.0525", "0.0525")]
    [InlineData("1.23456789", "1.23456789")]
    public void Price_keeps_the_quoted_precision_with_at_least_two_decimals(string value, string expected) =>
        Assert.Equal(expected, Format.Price(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Missing_price_prints_a_dash() => Assert.Equal("-", Format.Price((decimal?)null));

    [Fact]
    public void Unix_nanoseconds_print_as_iso_utc_with_milliseconds_truncated() =>
        Assert.Equal("2023-11-14T22:13:20.123Z", Format.UnixNs(1_700_000_000_123_987_654));

    [Fact]
    public void Unix_epoch_prints_as_a_time_but_optional_zero_prints_a_dash()
    {
        Assert.Equal("1970-01-01T00:00:00.000Z", Format.UnixNs(0));
        Assert.Equal("-", Format.OptionalUnixNs(0));
        Assert.Equal("2023-11-14T22:13:20.000Z", Format.OptionalUnixNs(1_700_000_000_000_000_000));
    }

    [Fact]
    public void Staleness_and_rate_print_one_decimal()
    {
        Assert.Equal("2.0s", Format.Staleness(2.04));
        Assert.Equal("-", Format.Staleness(null));
        Assert.Equal("1500.0", Format.Rate(1500));
    }

    [Fact]
    public void Lists_are_split_on_commas_trimmed_and_deduplicated_in_order()
    {
        Assert.Equal(["MSFT", "AAPL"], Format.SplitList(" MSFT, AAPL,,MSFT "));
        Assert.Empty(Format.SplitList(null));
    }
}
