namespace Aegis.Domain.Instruments;

/// <summary>The instruments a lane knows. A quote or a scenario naming any other instrument is refused.</summary>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, Instrument> _byId;

    public InstrumentCatalog(IEnumerable<Instrument> instruments)
    {
        _byId = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            if (!_byId.TryAdd(instrument.Id, instrument))
            {
                throw new ArgumentException($"instrument '{instrument.Id}' is listed twice", nameof(instruments));
            }
        }
    }

    public IReadOnlyCollection<Instrument> All => _byId.Values;

    public Instrument? Find(string instrumentId) => _byId.GetValueOrDefault(instrumentId);

    public bool Contains(string instrumentId) => _byId.ContainsKey(instrumentId);
}
