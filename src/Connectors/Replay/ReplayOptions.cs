namespace Aegis.Connectors.Replay;

/// <summary>How a <see cref="ReplayConnector"/> plays a market day.</summary>
/// <param name="Speed">Pace relative to the tape: 1.0 = real time, N = N times faster, 0 = as fast as possible.</param>
/// <param name="MaxBatchSize">Most quotes published in one <see cref="IQuoteSink.PublishAsync"/> call.</param>
/// <param name="Loop">Replay the day again and again, each pass on the next US-equities regular session day
/// (weekends and full holidays skipped, same exchange-local time of day) with sequences continuing.</param>
/// <param name="ResumeFromUnixNs">Skip, without waiting, every quote whose (shifted) exchange time is before
/// this; pacing starts at the first quote not skipped. How a replay picks up where it stopped.</param>
public sealed record ReplayOptions(double Speed = 1.0, int MaxBatchSize = 512, bool Loop = false, long ResumeFromUnixNs = long.MinValue)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Speed) || Speed < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "ReplayOptions.Speed must be a finite number >= 0 (0 = as fast as possible).");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "ReplayOptions.MaxBatchSize must be at least 1.");
        }
    }
}
