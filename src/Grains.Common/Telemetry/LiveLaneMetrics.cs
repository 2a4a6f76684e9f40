using System.Diagnostics.Metrics;
using Aegis.Hosting;

namespace Aegis.Grains.Telemetry;

/// <summary>Counters of the live lane, exported through OpenTelemetry (meter "Aegis") and read
/// directly by the benchmarks. One per silo.</summary>
public sealed class LiveLaneMetrics : IDisposable
{
    private readonly Meter _meter = new(ServiceDefaults.TelemetryName);
    private readonly Counter<long> _quotesAccepted;
    private readonly Counter<long> _quotesRejected;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _ordersThrottled;
    private long _deliveryCount;
    private long _acceptedCount;
    private long _caughtUpCount;
    private long _worstOutOfOrderNs;

    private readonly Counter<long> _divergences;
    private readonly Counter<long> _strategyFaults;
    private readonly Counter<long> _inputsLogged;
    private readonly Counter<long> _caughtUp;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Scenario, string Instrument), (long Quotes, double Seconds)> _lag = new();

    public LiveLaneMetrics()
    {
        _quotesAccepted = _meter.CreateCounter<long>("aegis.feed.quotes.accepted", "{quote}");
        _quotesRejected = _meter.CreateCounter<long>("aegis.feed.quotes.rejected", "{quote}");
        _deliveries = _meter.CreateCounter<long>("aegis.scenario.deliveries", "{quote}", "Quotes processed by scenarios");
        _decisions = _meter.CreateCounter<long>("aegis.scenario.decisions", "{decision}");
        _divergences = _meter.CreateCounter<long>("aegis.scenario.divergences", "{divergence}",
            "Journal appends or recoveries that met a different decision or input at the same sequence");
        _strategyFaults = _meter.CreateCounter<long>("aegis.scenario.strategy.faults", "{fault}", "Scenarios halted by an exception in their strategy");
        _inputsLogged = _meter.CreateCounter<long>("aegis.scenario.inputs", "{input}", "Input-log entries written by scenarios");
        _caughtUp = _meter.CreateCounter<long>("aegis.scenario.caught_up", "{quote}", "Quotes scenarios read back from the tape after falling behind their feeds");
        _meter.CreateObservableGauge("aegis.scenario.lag", () => Lags(l => l.Quotes), "{quote}", "Quotes waiting for a scenario (queued by its feeds or dropped for the tape)");
        _meter.CreateObservableGauge("aegis.scenario.lag.seconds", () => Lags(l => l.Seconds), "s", "Age of the oldest quote waiting for a scenario");
        _ordersThrottled = _meter.CreateCounter<long>("aegis.scenario.orders.throttled", "{order}",
            "Orders refused without a journal entry while a scenario's orders-per-minute limit was reached");
    }

    /// <summary>Time from a quote's receipt by AEGIS to the end of its processing by a scenario.</summary>
    public LatencyHistogram QuoteToDecision { get; } = new();

    /// <summary>Time from a quote's receipt to its decisions being committed to the journal (decisions only).</summary>
    public LatencyHistogram QuoteToDurableDecision { get; } = new();

    public long Deliveries => Interlocked.Read(ref _deliveryCount);

    public long QuotesAccepted => Interlocked.Read(ref _acceptedCount);

    public void Accepted(int count)
    {
        _quotesAccepted.Add(count);
        Interlocked.Add(ref _acceptedCount, count);
    }

    public void QuotesRejected(int count, string reason) =>
        _quotesRejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void Delivered(int count)
    {
        _deliveries.Add(count);
        Interlocked.Add(ref _deliveryCount, count);
    }

    public void Decided(int count) => _decisions.Add(count);

    public void OrdersThrottled(long count) => _ordersThrottled.Add(count);

    /// <summary>A scenario halted because its journal or its replay disagreed with what it decided.</summary>
    public void Diverged(string scenarioId, string where) =>
        _divergences.Add(1, new KeyValuePair<string, object?>("scenario", scenarioId), new KeyValuePair<string, object?>("where", where));

    /// <summary>A scenario halted because its strategy threw.</summary>
    public void StrategyFaulted(string scenarioId) => _strategyFaults.Add(1, new KeyValuePair<string, object?>("scenario", scenarioId));

    /// <summary>Inputs logged by scenarios (one per run of quotes of one stream, timer or command).</summary>
    public void InputsLogged(int count) => _inputsLogged.Add(count);

    /// <summary>Quotes a scenario read back from the tape because it had fallen behind.</summary>
    public void CaughtUp(int count)
    {
        _caughtUp.Add(count);
        Interlocked.Add(ref _caughtUpCount, count);
    }

    /// <summary>A scenario processed a quote this long (exchange time) after one it had already processed.</summary>
    public void OutOfOrder(long spanNs) => InterlockedMax.Raise(ref _worstOutOfOrderNs, spanNs);

    /// <summary>The longest span by which a scenario of this silo processed a quote after a later one, since start.</summary>
    public long WorstOutOfOrderNs => Interlocked.Read(ref _worstOutOfOrderNs);

    /// <summary>Quotes scenarios of this silo read back from the tape since start.</summary>
    public long QuotesCaughtUp => Interlocked.Read(ref _caughtUpCount);

    /// <summary>How far behind one feed a scenario is, as the feed sees it (reported on the feed's timer).</summary>
    public void ReportLag(string scenarioId, string instrumentId, long quotes, double seconds) => _lag[(scenarioId, instrumentId)] = (quotes, seconds);

    public void ForgetLag(string scenarioId, string instrumentId) => _lag.TryRemove((scenarioId, instrumentId), out _);

    private IEnumerable<Measurement<T>> Lags<T>(Func<(long Quotes, double Seconds), T> pick) where T : struct =>
        _lag.Select(l => new Measurement<T>(pick(l.Value),
            new KeyValuePair<string, object?>("scenario", l.Key.Scenario), new KeyValuePair<string, object?>("instrument", l.Key.Instrument)));

    public void Dispose() => _meter.Dispose();
}
