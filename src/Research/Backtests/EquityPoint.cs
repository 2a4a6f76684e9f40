namespace Aegis.Research.Backtests;

/// <summary>The book at the end of one period: equity (cash plus positions at mid) and gross exposure (Σ |quantity × mid × multiplier|).</summary>
public sealed record EquityPoint(long TimeUnixNs, decimal Equity, decimal GrossExposure);
