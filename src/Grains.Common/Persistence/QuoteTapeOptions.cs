namespace Aegis.Grains.Persistence;

/// <summary>Buffering of the quote tape writer.</summary>
public sealed class QuoteTapeOptions
{
    /// <summary>Feed batches held in memory before feeds are made to wait (backpressure instead of loss or
    /// unbounded memory); at most a few hundred quotes each.</summary>
    public int Capacity { get; set; } = 4_096;

    /// <summary>Quotes per COPY.</summary>
    public int MaxBatch { get; set; } = 20_000;

    /// <summary>Least time between the starts of two writes while fewer than <see cref="MaxBatch"/> quotes wait, so
    /// that small feed batches gather into one block per instrument. The tape is evidence, not on any quote's path;
    /// under heavy load the writer never waits, so the buffer does not hold more than it did before.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Least time between the starts of two writes even while someone waits for the commit (a publish is
    /// acknowledged, and decisions journaled, only once their quotes are in the tape): a group-commit window. At
    /// 10,000 single-quote publishes/s, writing on every request made one block row per quote and the tape the
    /// database's largest cost; a few milliseconds gather one row per instrument for many publishes.</summary>
    public TimeSpan CommitWindow { get; set; } = TimeSpan.FromMilliseconds(10);
}
