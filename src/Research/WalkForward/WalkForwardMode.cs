namespace Aegis.Research.WalkForward;

/// <summary>How the in-sample window moves from one fold to the next.</summary>
public enum WalkForwardMode
{
    /// <summary>A fixed-length in-sample window that slides forward by the out-of-sample length.</summary>
    Rolling,

    /// <summary>The in-sample window always starts at the first period and grows (expanding).</summary>
    Anchored,
}
