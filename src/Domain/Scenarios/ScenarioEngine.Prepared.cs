using Aegis.Domain.Quotes;
using Aegis.Domain.Strategies;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// Taking <see cref="PreparedQuotes"/> (backtests and sweeps): the quotes on which nothing can happen are passed
/// over in one step, the others go through the per-quote path. Nothing can happen on a quote when the strategy is
/// not shown it (out of session, invalid, repeated, or the scenario is not running) or, being columnar, says it will
/// not act on it (<see cref="IColumnarStrategy.NextActive"/>), no order rests, and
/// the daily-loss check cannot trip: the step then sets exactly the state the per-quote path would (touch,
/// sequences, marks, counters, the trading day's baseline), and stops short of the first quote whose mark would
/// breach the daily loss, which then takes the per-quote path and halts there.
/// </summary>
public sealed partial class ScenarioEngine
{
    private PreparedQuotes? prepared;
    private IColumnarStrategy? columnar;
    private int preparedNext;

    /// <summary>Prepared quotes taken in one step rather than one by one (a measure of how much the step saves).</summary>
    public long QuotesPassedInBulk { get; private set; }

    /// <summary>The quotes this engine is bound to (<see cref="Bind"/>), or null.</summary>
    public PreparedQuotes? Prepared => prepared;

    /// <summary>
    /// From now on this engine takes <paramref name="quotes"/> by index, from the first one on
    /// (<see cref="ProcessPrepared"/>); a columnar strategy reads its indicators from them. Only on a new engine.
    /// </summary>
    public void Bind(PreparedQuotes quotes)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        if (prepared is not null || slotsInSpecOrder.Any(s => s.HasQuote) || orderCounter != 0 || DuplicateQuotes + InvalidQuotes + IgnoredQuotes != 0)
        {
            throw new InvalidOperationException($"scenario '{Spec.Id}': only an engine that has taken no input can be bound to prepared quotes");
        }

        if (!quotes.Instruments.SequenceEqual(Spec.Instruments, StringComparer.Ordinal) || quotes.ExtendedHours != Spec.ExtendedHours)
        {
            throw new ArgumentException($"the prepared quotes are for [{string.Join(", ", quotes.Instruments)}] (extended hours {quotes.ExtendedHours}), " +
                $"scenario '{Spec.Id}' trades [{string.Join(", ", Spec.Instruments)}] (extended hours {Spec.ExtendedHours})", nameof(quotes));
        }

        prepared = quotes;
        if (strategy is IColumnarStrategy bindable)
        {
            bindable.Bind(quotes);
            columnar = bindable;
        }
    }

    /// <summary>
    /// Takes the bound quotes [<paramref name="start"/>, <paramref name="end"/>), which must follow the ones taken
    /// before, and adds each decision made with the index of its quote to <paramref name="made"/>.
    /// </summary>
    public void ProcessPrepared(int start, int end, List<(int Index, ScenarioDecision Decision)> made)
    {
        ArgumentNullException.ThrowIfNull(made);
        var quotes = prepared ?? throw new InvalidOperationException($"scenario '{Spec.Id}' is not bound to prepared quotes");
        if (start != preparedNext || end < start || end > quotes.Count)
        {
            throw new InvalidOperationException($"scenario '{Spec.Id}': prepared quotes [{start}, {end}) do not follow the {preparedNext} taken");
        }

        var i = start;
        while (i < end)
        {
            if (CanPassInBulk())
            {
                i = PassQuiet(i, NextActive(i, end));
                preparedNext = i;
                if (i == end)
                {
                    break;
                }
            }

            if (TryProcess(quotes.Quotes[i], i, out var decision))
            {
                made.Add((i, decision!));
            }

            preparedNext = ++i;
        }
    }

    private void ThrowIfPrepared(string what)
    {
        if (prepared is not null)
        {
            // Its strategy reads indicators over every tradable quote; one that is paused is not shown some of them.
            throw new InvalidOperationException($"scenario '{Spec.Id}' is bound to prepared quotes and cannot be {what}");
        }
    }

    private bool CanPassInBulk()
    {
        if (!prepared!.SingleSourcePerInstrument)
        {
            return false;
        }

        foreach (var slot in slotsInSpecOrder)
        {
            if (slot.Resting.Count > 0)
            {
                return false;
            }
        }

        return true;
    }

    // The first index in [start, end) at which the strategy might act; end when none (or it is not shown quotes).
    // For a strategy that is not columnar, that is the next quote it is shown.
    private int NextActive(int start, int end)
    {
        if (Status != ScenarioStatus.Running)
        {
            return end;
        }

        var next = end;
        for (var slot = 0; slot < slotsInSpecOrder.Length; slot++)
        {
            var from = prepared!.TradableOrdinalAt(slot, start);
            var to = prepared.TradableOrdinalAt(slot, next);

            // A strategy that cannot look ahead might act on any quote it is shown.
            var active = columnar?.NextActive(slot, from, to) ?? from;
            if (active < to)
            {
                next = prepared.TradableIndexes(slot)[active];
            }
        }

        return next;
    }

    // Passes [start, end) day by day; returns end, or the first index whose mark breaches the daily loss.
    private int PassQuiet(int start, int end)
    {
        var quotes = prepared!;
        var at = start;
        while (at < end)
        {
            var dayEnd = Math.Min(end, quotes.NextDayStart(at));
            var first = FirstProcessed(at, dayEnd);
            if (first < 0)
            {
                Settle(at, dayEnd);
                at = dayEnd;
                continue;
            }

            // As the per-quote path does: the day rolls on its first processed quote, before that quote's mark.
            Settle(at, first);
            RollTradingDay(quotes.Quotes[first].ExchangeTimeUnixNs);
            var breach = FirstDailyLossBreach(first, dayEnd);
            Settle(first, breach);
            if (breach < dayEnd)
            {
                return breach;
            }

            at = dayEnd;
        }

        return end;
    }

    private int FirstProcessed(int start, int end)
    {
        var first = -1;
        for (var slot = 0; slot < slotsInSpecOrder.Length; slot++)
        {
            var index = prepared!.FirstProcessed(slot, start, end);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }

        return first;
    }

    // Applies to the state what the per-quote path would leave after [start, end), none of which acts or breaches.
    private void Settle(int start, int end)
    {
        if (start >= end)
        {
            return;
        }

        var quotes = prepared!;
        QuotesPassedInBulk += end - start;
        var dropped = quotes.CountFates(start, end);
        IgnoredQuotes += dropped.Ignored;
        InvalidQuotes += dropped.Invalid;
        DuplicateQuotes += dropped.Duplicate;
        OutOfSessionQuotes += dropped.OutOfSession;
        for (var s = 0; s < slotsInSpecOrder.Length; s++)
        {
            var last = quotes.LastProcessed(s, start, end);
            if (last < 0)
            {
                continue;
            }

            var slot = slotsInSpecOrder[s];
            ref readonly var quote = ref quotes.Quotes[last];
            slot.Advance(quote.Source, quote.Sequence);
            slot.LastQuoteSequence = quote.Sequence;
            slot.Bid = quote.Bid;
            slot.Ask = quote.Ask;
            slot.QuoteTimeUnixNs = quote.ExchangeTimeUnixNs;
            portfolio.Mark(quote.InstrumentId, quote.Mid);
            if (Status == ScenarioStatus.Running)
            {
                columnar?.Pass(s, quotes.TradableOrdinalAt(s, start), quotes.TradableOrdinalAt(s, end));
            }
        }
    }

    // Within one trading day: the first processed quote in [start, end) after whose mark the day's loss reaches the
    // limit; end when none. Equity moves only with the marks of open positions, followed here in doubles; a quote
    // that comes near the limit is checked exactly, in decimals, as the per-quote path computes it.
    private int FirstDailyLossBreach(int start, int end)
    {
        if (Status is not (ScenarioStatus.Running or ScenarioStatus.Paused))
        {
            return end;
        }

        var quotes = prepared!;
        var slots = slotsInSpecOrder.Length;
        Span<double> exposure = stackalloc double[slots];
        Span<double> markD = stackalloc double[slots];
        Span<int> lastIndex = stackalloc int[slots];
        var held = false;
        var valueD = 0d;
        var scale = Math.Abs((double)portfolio.Cash) + Math.Abs((double)dayStartEquity) + (double)Spec.Limits.MaxDailyLoss;
        for (var s = 0; s < slots; s++)
        {
            var id = slotsInSpecOrder[s].Instrument.Id;
            exposure[s] = (double)portfolio.Exposure(id);
            markD[s] = portfolio.TryGetMark(id, out var mark) ? (double)mark : 0d;
            lastIndex[s] = -1;
            held |= exposure[s] != 0d;
            valueD += exposure[s] * markD[s];
            scale += Math.Abs(exposure[s] * markD[s]);
        }

        if (!held)
        {
            // Equity stands still: one check, at the first quote that is processed.
            return risk.IsDailyLossBreached(portfolio.Equity - dayStartEquity) ? start : end;
        }

        var cashD = (double)portfolio.Cash;
        var limitD = (double)dayStartEquity - (double)Spec.Limits.MaxDailyLoss;
        var tolerance = (scale * 1e-9) + 1e-6;
        if (HeldSlot(exposure) is var only and >= 0)
        {
            return FirstBreachOfOne(only, exposure[only], (limitD - cashD + tolerance) / exposure[only], lastIndex, start, end);
        }

        var mids = quotes.MidDoubles;
        for (var j = start; j < end; j++)
        {
            var s = quotes.SlotAt(j);
            if (s < 0 || exposure[s] == 0d || quotes.FateAt(j) < QuoteFate.OutOfSession)
            {
                continue;
            }

            valueD += exposure[s] * (mids[j] - markD[s]);
            markD[s] = mids[j];
            lastIndex[s] = j;
            if (cashD + valueD - limitD <= tolerance && ExactlyBreached(lastIndex))
            {
                return j;
            }
        }

        return end;
    }

    // The only slot with an open position; −1 when there are several.
    private static int HeldSlot(ReadOnlySpan<double> exposure)
    {
        var held = -1;
        for (var s = 0; s < exposure.Length; s++)
        {
            if (exposure[s] != 0d)
            {
                if (held >= 0)
                {
                    return -1;
                }

                held = s;
            }
        }

        return held;
    }

    // One open position: equity crosses the limit where its mark crosses one price, so the scan compares marks with
    // that price (widened a little for the division's rounding), over the slot's own marks only.
    private int FirstBreachOfOne(int slot, double exposure, double price, Span<int> lastIndex, int start, int end)
    {
        var quotes = prepared!;
        var marks = quotes.ProcessedMids(slot);
        var from = quotes.ProcessedOrdinalAt(slot, start);
        var to = quotes.ProcessedOrdinalAt(slot, end);
        var margin = Math.Abs(price) * 1e-12;
        for (var k = from; k < to; k++)
        {
            var near = exposure > 0d ? marks[k] <= price + margin : marks[k] >= price - margin;
            if (!near)
            {
                continue;
            }

            lastIndex[slot] = quotes.ProcessedIndex(slot, k);
            if (ExactlyBreached(lastIndex))
            {
                return lastIndex[slot];
            }
        }

        return end;
    }

    private bool ExactlyBreached(ReadOnlySpan<int> lastIndex)
    {
        var equity = portfolio.Cash;
        for (var s = 0; s < slotsInSpecOrder.Length; s++)
        {
            var id = slotsInSpecOrder[s].Instrument.Id;
            equity += lastIndex[s] >= 0
                ? portfolio.ValueAt(id, prepared!.Quotes[lastIndex[s]].Mid)
                : portfolio.TryGetMark(id, out var mark) ? portfolio.ValueAt(id, mark) : portfolio.ValueAt(id, portfolio.GetPosition(id).AverageCost);
        }

        return risk.IsDailyLossBreached(equity - dayStartEquity);
    }
}
