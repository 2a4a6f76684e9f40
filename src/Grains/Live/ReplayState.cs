namespace Aegis.Grains.Live;

/// <summary>Where the replay is, so it resumes there on whichever silo it is reactivated.</summary>
public sealed class ReplayState
{
    /// <summary>Exchange time (shifted by loops) of the last quote published.</summary>
    public long CursorExchangeTimeUnixNs { get; set; } = long.MinValue;

    public long QuotesPublished { get; set; }
}
