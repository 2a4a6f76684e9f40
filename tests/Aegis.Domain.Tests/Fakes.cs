using Aegis.Domain.Execution;
using Aegis.Domain.Instruments;
using Aegis.Domain.Orders;
using Aegis.Domain.Quotes;
using Aegis.Domain.Risk;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Domain.Time;

namespace Aegis.Domain.Tests;

/// <summary>Builders shared by the tests: one fixed clock origin, generous limits, free commission unless asked.</summary>
internal static class Fakes
{
    public static readonly long T0 = UnixTime.FromUtc(2025, 6, 2, 13, 30);

    public static readonly Instrument Spy = Instrument.Equity("SPY");
    public static readonly Instrument Aapl = Instrument.Equity("AAPL");
    public static readonly Instrument SpyCall = Instrument.Option("SPY", new DateOnly(2026, 1, 16), 450m, OptionRight.Call);

    public static readonly RiskLimits GenerousLimits = new(1_000_000, 1_000_000_000m, 10_000, 1_000_000m);

    public static Instrument? Lookup(string id) =>
        id == Spy.Id ? Spy : id == Aapl.Id ? Aapl : id == SpyCall.Id ? SpyCall : null;

    public static long Seconds(double s) => (long)(s * UnixTime.NanosecondsPerSecond);

    public static Quote Q(string id, decimal bid, decimal ask, long sequence, long? timeUnixNs = null) =>
        new(id, bid, ask, 100, 100, timeUnixNs ?? T0 + Seconds(sequence), timeUnixNs ?? T0 + Seconds(sequence), "replay", sequence);

    public static ScenarioSpec Spec(
        string id = "s1",
        RiskLimits? limits = null,
        CommissionSchedule? commission = null,
        SlippageModel? slippage = null,
        decimal startingCash = 100_000m,
        params string[] instruments) =>
        new(id, id, "scripted", new Dictionary<string, string>(), instruments.Length == 0 ? ["SPY"] : instruments,
            limits ?? GenerousLimits, "paper", startingCash, commission ?? CommissionSchedule.Free, slippage ?? SlippageModel.None);

    public static ScenarioEngine Engine(ScenarioSpec spec, IStrategy strategy) => new(spec, Lookup, strategy);

    /// <summary>Runs quotes and collects the decisions.</summary>
    public static List<ScenarioDecision> Run(ScenarioEngine engine, IEnumerable<Quote> quotes)
    {
        var decisions = new List<ScenarioDecision>();
        foreach (var quote in quotes)
        {
            if (engine.TryProcess(quote, out var decision))
            {
                decisions.Add(decision!);
            }
        }

        return decisions;
    }

    /// <summary>Mid-price series as quotes one second apart with a one-cent spread.</summary>
    public static IEnumerable<Quote> Mids(string id, long firstSequence, params decimal[] mids)
    {
        for (var i = 0; i < mids.Length; i++)
        {
            yield return Q(id, mids[i] - 0.005m, mids[i] + 0.005m, firstSequence + i);
        }
    }
}

/// <summary>A strategy driven by the test: the script decides what to submit on each quote.</summary>
internal sealed class ScriptedStrategy(Action<Quote, IStrategyContext>? onQuote = null) : IStrategy
{
    public List<long> SeenSequences { get; } = [];

    public List<Fill> SeenFills { get; } = [];

    public Action<long, IStrategyContext>? Timer { get; init; }

    public string Name => "scripted";

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        SeenSequences.Add(quote.Sequence);
        onQuote?.Invoke(quote, context);
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context) => Timer?.Invoke(nowUnixNs, context);

    public void OnFill(Fill fill, IStrategyContext context) => SeenFills.Add(fill);

    public string SaveState() => string.Empty;

    public void RestoreState(string state)
    {
    }
}

/// <summary>Submits the given orders when the quote with the matching sequence arrives; allocates nothing otherwise.</summary>
internal sealed class OrdersAtSequence(params (long Sequence, OrderSide Side, long Quantity, OrderType Type, decimal? Limit, TimeInForce Tif)[] orders) : IStrategy
{
    public string Name => "orders-at-sequence";

    public void OnQuote(in Quote quote, IStrategyContext context)
    {
        foreach (var order in orders)
        {
            if (order.Sequence == quote.Sequence)
            {
                context.Submit(order.Side, quote.InstrumentId, order.Quantity, order.Type, order.Limit, order.Tif);
            }
        }
    }

    public void OnTimer(long nowUnixNs, IStrategyContext context)
    {
    }

    public void OnFill(Fill fill, IStrategyContext context)
    {
    }

    public string SaveState() => string.Empty;

    public void RestoreState(string state)
    {
    }
}
