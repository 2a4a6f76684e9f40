using System.Diagnostics.Metrics;
using Aegis.Hosting;

namespace Aegis.Benchmarks.Live;

/// <summary>Counts <c>aegis.scenario.decisions</c> (LiveLaneMetrics exposes no total for it) by listening to the meter.</summary>
public sealed class DecisionCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public DecisionCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ServiceDefaults.TelemetryName && instrument.Name == "aegis.scenario.decisions")
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
