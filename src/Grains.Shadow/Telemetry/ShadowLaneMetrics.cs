using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aegis.Hosting;

namespace Aegis.Grains.Shadow.Telemetry;

/// <summary>Counters of the shadow lane, exported through OpenTelemetry (meter "Aegis"). One per silo.</summary>
public sealed class ShadowLaneMetrics : IDisposable
{
    private readonly Meter _meter = new(ServiceDefaults.TelemetryName);
    private readonly Counter<long> _inputs;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _compared;
    private readonly Counter<long> _divergences;
    private readonly ConcurrentDictionary<string, (long Inputs, double Seconds)> _lag = new(StringComparer.Ordinal);

    public ShadowLaneMetrics()
    {
        _inputs = _meter.CreateCounter<long>("aegis.shadow.inputs", "{input}", "Live inputs taken by shadow twins");
        _decisions = _meter.CreateCounter<long>("aegis.shadow.decisions", "{decision}", "Decisions made by shadow twins");
        _compared = _meter.CreateCounter<long>("aegis.shadow.parity.compared", "{decision}", "Decisions compared between the live and shadow lanes");
        _divergences = _meter.CreateCounter<long>("aegis.shadow.parity.divergences", "{decision}", "Decisions at which the shadow lane differs from the live lane");
        _meter.CreateObservableGauge("aegis.shadow.lag", () => Lags(l => l.Inputs), "{input}", "Live inputs a shadow twin has not taken yet");
        _meter.CreateObservableGauge("aegis.shadow.lag.seconds", () => Lags(l => (long)l.Seconds), "s", "Exchange time between a live scenario's last input and its twin's");
    }

    public void Followed(int inputs, int decisions)
    {
        _inputs.Add(inputs);
        _decisions.Add(decisions);
    }

    public void Compared(string scenarioId, long compared, long diverged)
    {
        _compared.Add(compared);
        if (diverged > 0)
        {
            _divergences.Add(diverged, new KeyValuePair<string, object?>("scenario", scenarioId));
        }
    }

    public void Lag(string scenarioId, long inputs, double seconds) => _lag[scenarioId] = (inputs, seconds);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Lags(Func<(long Inputs, double Seconds), long> pick) =>
        _lag.Select(l => new Measurement<long>(pick(l.Value), new KeyValuePair<string, object?>("scenario", l.Key)));
}
