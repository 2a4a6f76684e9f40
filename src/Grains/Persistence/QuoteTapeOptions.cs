namespace Aegis.Grains.Persistence;

/// <summary>Buffering of the quote tape writer.</summary>
public sealed class QuoteTapeOptions
{
    /// <summary>Feed batches held in memory before feeds are made to wait (backpressure instead of loss or
    /// unbounded memory); at most a few hundred quotes each.</summary>
    public int Capacity { get; set; } = 4_096;

    /// <summary>Rows per COPY.</summary>
    public int MaxBatch { get; set; } = 20_000;
}
