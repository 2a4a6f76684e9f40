namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// Parity of one scenario (keyed by its id): the shadow twin's decisions against the live journal, decision
/// by decision (input, intents, fills, rejections, status). A divergence writes an alert row, a log line and a metric.
/// </summary>
public interface IParityGrain : IGrainWithStringKey
{
    /// <summary>Compares every decision both lanes made on inputs up to <paramref name="throughInput"/>, which the twin has taken.</summary>
    Task<ParityReport> Compare(long throughInput);

    Task<ParityReport> GetReport();

    /// <summary>The divergences found, first first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ParityDivergence>> GetDivergences(int max);
}
