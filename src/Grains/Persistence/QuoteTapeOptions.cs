namespace Aegis.Grains.Persistence;

/// <summary>Buffering of the quote tape writer.</summary>
public sealed class QuoteTapeOptions
{
    /// <summary>Quotes held in memory before feeds are made to wait (backpressure instead of loss or unbounded memory).</summary>
    public int Capacity { get; set; } = 500_000;

    /// <summary>Rows per COPY.</summary>
    public int MaxBatch { get; set; } = 20_000;
}
