namespace Aegis.Domain.Quotes;

/// <summary>
/// One top-of-book quote for an instrument. A value type because quotes are the hot path:
/// they are created, validated and fanned out millions of times a second.
/// </summary>
/// <param name="InstrumentId">Stable instrument id (see <c>Instrument.Id</c>).</param>
/// <param name="Bid">Best bid price.</param>
/// <param name="Ask">Best ask price.</param>
/// <param name="BidSize">Size at the best bid, in units (shares or contracts).</param>
/// <param name="AskSize">Size at the best ask, in units.</param>
/// <param name="ExchangeTimeUnixNs">Exchange timestamp, nanoseconds since the Unix epoch, UTC.</param>
/// <param name="ReceiveTimeUnixNs">When AEGIS received it, nanoseconds since the Unix epoch, UTC.</param>
/// <param name="Source">The provider that produced it (<c>replay</c>, <c>saxo</c>, <c>polygon</c>…).</param>
/// <param name="Sequence">Per-instrument sequence number, strictly increasing per source.</param>
public readonly record struct Quote(
    string InstrumentId,
    decimal Bid,
    decimal Ask,
    long BidSize,
    long AskSize,
    long ExchangeTimeUnixNs,
    long ReceiveTimeUnixNs,
    string Source,
    long Sequence)
{
    /// <summary>Mid price, the mark used for unrealized PnL.</summary>
    public decimal Mid => (Bid + Ask) / 2m;

    /// <summary>Ask minus bid.</summary>
    public decimal Spread => Ask - Bid;
}
