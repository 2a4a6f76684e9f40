using System.Diagnostics.Metrics;
using Aegis.Hosting;

namespace Aegis.Benchmarks.Live;

/// <summary>Running total of one of the live lane's counters (LiveLaneMetrics exposes no total for
/// most of them), taken by listening to the "Aegis" meter.</summary>
public sealed class MeterTotal : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MeterTotal(string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServiceDefaults.TelemetryName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
