namespace Aegis.Datasets.Partitions;

/// <summary>One aggregate bar of one symbol: the window [start, end) in ns since the Unix epoch, prices, volume and trade count.</summary>
public readonly record struct OhlcBar(long WindowStartUnixNs, long WindowEndUnixNs, decimal Open, decimal High, decimal Low, decimal Close, double Volume, long Transactions);
