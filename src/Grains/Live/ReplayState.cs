namespace Aegis.Grains.Live;

/// <summary>Where the replay is and how it runs, so it resumes there, the same way, on whichever silo
/// it is reactivated, including one not configured to run it.</summary>
public sealed class ReplayState
{
    /// <summary>Exchange time (shifted by loops) of the last quote published.</summary>
    public long CursorExchangeTimeUnixNs { get; set; } = long.MinValue;

    public long QuotesPublished { get; set; }

    /// <summary>Complete passes over the day.</summary>
    public int Loops { get; set; }

    /// <summary>A silo configured to run the replay has called in: every live silo keeps it running.</summary>
    public bool Enabled { get; set; }

    /// <summary>Speed from the last silo configured to run the replay.</summary>
    public double Speed { get; set; }

    /// <summary>Seed of the sample day from the last silo configured to run the replay.</summary>
    public int Seed { get; set; }
}
