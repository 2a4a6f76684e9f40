namespace Aegis.Datasets.Partitions;

/// <summary>
/// One row of an option chain snapshot (ORATS strikes: one expiry and strike, call and put side by side). Prices in
/// the underlying's currency; implied volatilities and greeks as fractions, null where the source had none (ORATS
/// writes 0 for an IV it could not compute). Greeks are the call's.
/// </summary>
public sealed record OptionStrike(
    DateOnly ExpirationDate,
    decimal Strike,
    decimal StockPrice,
    decimal CallBid,
    decimal CallAsk,
    decimal PutBid,
    decimal PutAsk,
    long CallBidSize,
    long CallAskSize,
    long PutBidSize,
    long PutAskSize,
    long CallVolume,
    long PutVolume,
    long CallOpenInterest,
    long PutOpenInterest,
    double? CallMidIv,
    double? PutMidIv,
    double? SmoothedIv,
    double? Delta,
    double? Gamma,
    double? Theta,
    double? Vega,
    long UpdatedAtUnixNs);
