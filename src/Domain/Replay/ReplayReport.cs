namespace Aegis.Domain.Replay;

/// <summary>What a replay of a scenario's input log found against its journal.</summary>
/// <param name="InputsReplayed">Inputs taken.</param>
/// <param name="QuotesReplayed">Quotes those inputs carried.</param>
/// <param name="DecisionsCompared">Decisions compared (within the requested range).</param>
/// <param name="Divergence">The first difference, or null when every compared decision was identical.</param>
/// <param name="Error">Why the replay could not go on (a gap in the log, quotes missing from the tape), or null.</param>
public sealed record ReplayReport(long InputsReplayed, long QuotesReplayed, long DecisionsCompared, ReplayDivergence? Divergence, string? Error)
{
    public bool Identical => Divergence is null && Error is null;
}
