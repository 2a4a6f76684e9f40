using Aegis.Domain.Quotes;
using static Aegis.Domain.Tests.Fakes;

namespace Aegis.Domain.Tests;

public sealed class QuoteValidatorTests
{
    [Fact]
    public void A_normal_quote_is_valid() =>
        Assert.Equal(QuoteRejectReason.None, QuoteValidator.Validate(Q("SPY", 100m, 100.01m, 1)));

    [Fact]
    public void A_locked_quote_with_bid_equal_to_ask_is_valid() =>
        Assert.Equal(QuoteRejectReason.None, QuoteValidator.Validate(Q("SPY", 100m, 100m, 1)));

    [Fact]
    public void Bid_above_ask_is_crossed() =>
        Assert.Equal(QuoteRejectReason.Crossed, QuoteValidator.Validate(Q("SPY", 100.02m, 100.01m, 1)));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 1)]
    public void Zero_or_negative_bid_or_ask_is_a_non_positive_price(int bid, int ask) =>
        Assert.Equal(QuoteRejectReason.NonPositivePrice, QuoteValidator.Validate(Q("SPY", bid, ask, 1)));

    [Fact]
    public void Negative_bid_size_is_rejected() =>
        Assert.Equal(QuoteRejectReason.NegativeSize, QuoteValidator.Validate(Q("SPY", 100m, 100.01m, 1) with { BidSize = -1 }));

    [Fact]
    public void Negative_ask_size_is_rejected() =>
        Assert.Equal(QuoteRejectReason.NegativeSize, QuoteValidator.Validate(Q("SPY", 100m, 100.01m, 1) with { AskSize = -5 }));

    [Fact]
    public void Empty_instrument_id_is_a_missing_field() =>
        Assert.Equal(QuoteRejectReason.MissingField, QuoteValidator.Validate(Q("", 100m, 100.01m, 1)));

    [Fact]
    public void Empty_source_is_a_missing_field() =>
        Assert.Equal(QuoteRejectReason.MissingField, QuoteValidator.Validate(Q("SPY", 100m, 100.01m, 1) with { Source = "" }));
}
