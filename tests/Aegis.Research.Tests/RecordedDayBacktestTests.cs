using Aegis.Domain.Quotes;
using Aegis.Domain.Replay;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;

namespace Aegis.Research.Tests;

public sealed class RecordedDayBacktestTests
{
    [Fact]
    public void A_recorded_log_with_commands_and_merged_deliveries_is_backtested_to_the_same_decisions_and_book()
    {
        var spec = Market.ZScore("z", "AAPL", "MSFT", "NVDA");
        var quotes = new MarketDay([Market.Walk("AAPL", 3_000, 2, 700), Market.Walk("MSFT", 3_000, 3, 900, 300m), Market.Walk("NVDA", 2_500, 4, 1_100, 50m)])
            .Merged(spec.Instruments);
        var (inputs, journal, engine) = Record(spec, quotes, seed: 11);

        var result = RecordedDayBacktest.Run(spec, StrategyCatalog.Reference, Market.Lookup, inputs, History(quotes), new BacktestOptions { KeepDecisions = true });
        var parity = JournalComparison.Compare(result.Decisions, journal, inputs.Count, result.QuotesProcessed);

        Assert.True(journal.Count > 5, $"the recorded run should decide ({journal.Count} decisions)");
        Assert.True(parity.Identical, parity.Divergence?.ToString());
        Assert.Equal(journal.Count, parity.DecisionsCompared);
        Assert.Equal(engine.Equity, result.Equity[^1].Equity);
        Assert.Equal(engine.FillCount, result.Trades.Count);
        Assert.Equal(engine.Status, result.FinalStatus);
        Assert.All(result.Equity, p => Assert.Equal(0, p.TimeUnixNs % 60_000_000_000));
    }

    [Fact]
    public void A_journal_that_differs_is_reported_at_the_first_decision_that_differs_with_both_sides()
    {
        var spec = Market.Crossover();
        var quotes = Market.Walk("SPY", 4_000, 1);
        var day = new MarketDay([quotes]).Merged(spec.Instruments);
        var (inputs, journal, _) = Record(spec, day, seed: 3);
        var result = RecordedDayBacktest.Run(spec, StrategyCatalog.Reference, Market.Lookup, inputs, History(day), new BacktestOptions { KeepDecisions = true });
        var at = journal.FindIndex(d => d.Decision.Fills.Count > 0);
        Assert.True(at >= 0, "the crossover should trade");
        var altered = journal.ToList();
        var fill = altered[at].Decision.Fills[0];
        altered[at] = altered[at] with { Decision = altered[at].Decision with { Fills = [fill with { Price = fill.Price + 0.01m }] } };

        var parity = JournalComparison.Compare(result.Decisions, altered, inputs.Count, result.QuotesProcessed);

        Assert.False(parity.Identical);
        Assert.Equal(at, parity.DecisionsCompared);
        Assert.Equal(altered[at].DecisionSequence, parity.Divergence!.DecisionSequence);
        Assert.Contains($"@{fill.Price + 0.01m}", parity.Divergence.Journaled, StringComparison.Ordinal);
        Assert.Contains($"@{fill.Price}", parity.Divergence.Replayed, StringComparison.Ordinal);
        Assert.False(JournalComparison.Compare(result.Decisions, journal.Take(journal.Count - 1).ToList(), 0, 0).Identical, "an extra decision is a divergence");
    }

    [Fact]
    public void A_log_that_does_not_start_at_the_first_input_or_misses_quotes_is_refused()
    {
        var spec = Market.Crossover();
        var quotes = new MarketDay([Market.Walk("SPY", 500, 1)]).Merged(spec.Instruments);
        var (inputs, _, _) = Record(spec, quotes, seed: 5);

        var late = Assert.Throws<InputLogException>(() => RecordedDayBacktest.Run(spec, StrategyCatalog.Reference, Market.Lookup, inputs.Skip(1).ToList(), History(quotes)));
        Assert.Contains("starts at input 2", late.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InputLogException>(() => RecordedDayBacktest.Run(spec, StrategyCatalog.Reference, Market.Lookup, inputs, History(quotes[..^1])));
        Assert.Contains("the store has", missing.Message, StringComparison.Ordinal);
    }

    private static QuoteHistory History(IEnumerable<Quote> quotes)
    {
        var history = new QuoteHistory();
        foreach (var stream in quotes.GroupBy(q => (q.Source, q.InstrumentId)))
        {
            history.Add(stream.Key.Source, stream.Key.InstrumentId, stream);
        }

        return history;
    }

    // A live run as the live lane makes it: created by a command, deliveries of random sizes (merged for several
    // instruments), paused and resumed by an operator part way.
    private static (List<ScenarioInput> Inputs, List<RecordedDecision> Journal, ScenarioEngine Engine) Record(ScenarioSpec spec, Quote[] quotes, int seed)
    {
        var engine = new ScenarioEngine(spec, Market.Lookup, StrategyCatalog.Reference.CreateFor(spec));
        var runner = new ScenarioRunner(engine);
        var random = new Random(seed);
        var inputs = new List<ScenarioInput>();
        var decisions = new List<RecordedDecision>();
        var wallClock = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        runner.Command(ScenarioCommand.Create, null, wallClock, inputs, decisions);
        for (var at = 0; at < quotes.Length;)
        {
            if (at > quotes.Length / 3 && at < quotes.Length / 3 + 64)
            {
                runner.Command(ScenarioCommand.Pause, "operator", wallClock + at, inputs, decisions);
            }
            else if (at > quotes.Length / 2 && engine.Status == ScenarioStatus.Paused)
            {
                runner.Command(ScenarioCommand.Resume, null, wallClock + at, inputs, decisions);
            }

            var take = Math.Min(random.Next(1, 64), quotes.Length - at);
            if (spec.Instruments.Count > 1)
            {
                runner.ProcessMerged(quotes.AsSpan(at, take), inputs, decisions);
            }
            else
            {
                runner.Process(quotes.AsSpan(at, take), inputs, decisions);
            }

            at += take;
        }

        return (inputs, decisions, engine);
    }
}
