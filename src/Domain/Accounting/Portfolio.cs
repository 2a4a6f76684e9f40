using Aegis.Domain.Orders;

namespace Aegis.Domain.Accounting;

/// <summary>
/// Cash, positions and marks of one scenario. Identities that always hold:
/// position quantity = Σ signed fill quantity; cash = starting cash − Σ signed notional − Σ commissions;
/// equity = cash + Σ quantity × mark × multiplier.
/// </summary>
public sealed class Portfolio
{
    private readonly Dictionary<string, Holding> holdings = new(StringComparer.Ordinal);

    // Σ quantity × mark × multiplier, kept up to date on every mark and fill: equity is read on every
    // quote (the daily-loss check) and summing all holdings each time was the engine's largest cost.
    private decimal marketValue;

    public Portfolio(decimal startingCash)
    {
        StartingCash = startingCash;
        Cash = startingCash;
    }

    public decimal StartingCash { get; }

    public decimal Cash { get; private set; }

    /// <summary>Total commissions paid.</summary>
    public decimal Commissions { get; private set; }

    /// <summary>Σ realized PnL over all positions, gross of commissions.</summary>
    public decimal RealizedPnl
    {
        get
        {
            var total = 0m;
            foreach (var holding in holdings.Values)
            {
                total += holding.Position.RealizedPnl;
            }

            return total;
        }
    }

    /// <summary>Σ open PnL at the last marks; an unmarked position counts at its average cost.</summary>
    public decimal UnrealizedPnl
    {
        get
        {
            var total = 0m;
            foreach (var holding in holdings.Values)
            {
                if (holding.Position.Quantity != 0 && holding.HasMark)
                {
                    total += holding.Position.UnrealizedPnl(holding.Mark, holding.Multiplier);
                }
            }

            return total;
        }
    }

    /// <summary>Cash plus the marked value of all positions (short positions count negative); an
    /// unmarked position counts at its average cost.</summary>
    public decimal Equity => Cash + marketValue;

    /// <summary>Books a fill: moves cash by its notional and commission and updates the position.</summary>
    public void ApplyFill(Fill fill, decimal multiplier)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var holding = GetOrAdd(fill.InstrumentId);
        holding.Multiplier = multiplier;
        var signed = fill.SignedQuantity;
        Cash -= (signed * fill.Price * multiplier) + fill.Commission;
        Commissions += fill.Commission;
        holding.Position = holding.Position.Apply(signed, fill.Price, multiplier);
        Revalue(holding);
    }

    /// <summary>Σ |quantity × mark × multiplier| over the marked open positions.</summary>
    public decimal GrossExposure
    {
        get
        {
            var gross = 0m;
            foreach (var holding in holdings.Values)
            {
                if (holding.Position.Quantity != 0 && holding.HasMark)
                {
                    gross += Math.Abs(holding.Position.Quantity * holding.Mark * holding.Multiplier);
                }
            }

            return gross;
        }
    }

    /// <summary>What the position in <paramref name="instrumentId"/> would be worth at <paramref name="mark"/> (its share of equity beyond cash).</summary>
    public decimal ValueAt(string instrumentId, decimal mark) =>
        holdings.TryGetValue(instrumentId, out var holding) && holding.Position.Quantity != 0 ? holding.Position.Quantity * mark * holding.Multiplier : 0m;

    /// <summary>Quantity × multiplier of the position in <paramref name="instrumentId"/>: how much equity moves per unit of its mark.</summary>
    public decimal Exposure(string instrumentId) =>
        holdings.TryGetValue(instrumentId, out var holding) ? holding.Position.Quantity * holding.Multiplier : 0m;

    /// <summary>Records the latest mid for an instrument. Allocates only the first time an instrument is seen.</summary>
    public void Mark(string instrumentId, decimal mid)
    {
        var holding = GetOrAdd(instrumentId);
        holding.Mark = mid;
        holding.HasMark = true;
        if (holding.Position.Quantity != 0 || holding.MarketValue != 0m)
        {
            Revalue(holding);
        }
    }

    public bool TryGetMark(string instrumentId, out decimal mark)
    {
        if (holdings.TryGetValue(instrumentId, out var holding) && holding.HasMark)
        {
            mark = holding.Mark;
            return true;
        }

        mark = 0m;
        return false;
    }

    /// <summary>The position in <paramref name="instrumentId"/>, flat if never traded.</summary>
    public Position GetPosition(string instrumentId) =>
        holdings.TryGetValue(instrumentId, out var holding) ? holding.Position : Position.Flat(instrumentId);

    /// <summary>Signed quantity held; does not allocate.</summary>
    public long GetQuantity(string instrumentId) =>
        holdings.TryGetValue(instrumentId, out var holding) ? holding.Position.Quantity : 0;

    /// <summary>Every instrument that has been traded, in first-traded order.</summary>
    public IReadOnlyList<Position> GetPositions()
    {
        var list = new List<Position>(holdings.Count);
        foreach (var holding in holdings.Values)
        {
            if (holding.Traded)
            {
                list.Add(holding.Position);
            }
        }

        return list;
    }

    /// <summary>Last mark per instrument, in first-seen order.</summary>
    public IReadOnlyDictionary<string, decimal> GetMarks()
    {
        var marks = new Dictionary<string, decimal>(holdings.Count, StringComparer.Ordinal);
        foreach (var (id, holding) in holdings)
        {
            if (holding.HasMark)
            {
                marks[id] = holding.Mark;
            }
        }

        return marks;
    }

    /// <summary>Rebuilds a portfolio from a snapshot.</summary>
    public static Portfolio Restore(
        decimal startingCash,
        decimal cash,
        decimal commissions,
        IEnumerable<Position> positions,
        Func<string, decimal> multiplierOf,
        IEnumerable<KeyValuePair<string, decimal>> marks)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(multiplierOf);
        ArgumentNullException.ThrowIfNull(marks);
        var portfolio = new Portfolio(startingCash) { Cash = cash, Commissions = commissions };
        foreach (var position in positions)
        {
            var holding = portfolio.GetOrAdd(position.InstrumentId);
            holding.Position = position;
            holding.Multiplier = multiplierOf(position.InstrumentId);
            portfolio.Revalue(holding);
        }

        foreach (var (id, mark) in marks)
        {
            portfolio.Mark(id, mark);
        }

        return portfolio;
    }

    private void Revalue(Holding holding)
    {
        var position = holding.Position;
        var value = position.Quantity == 0 ? 0m : position.Quantity * (holding.HasMark ? holding.Mark : position.AverageCost) * holding.Multiplier;
        marketValue += value - holding.MarketValue;
        holding.MarketValue = value;
    }

    private Holding GetOrAdd(string instrumentId)
    {
        if (!holdings.TryGetValue(instrumentId, out var holding))
        {
            holding = new Holding(instrumentId);
            holdings.Add(instrumentId, holding);
        }

        return holding;
    }

    // A class so marking a quote updates in place (no dictionary write, no struct copy back).
    private sealed class Holding(string instrumentId)
    {
        private Position position = Position.Flat(instrumentId);

        public Position Position
        {
            get => position;
            set
            {
                position = value;
                Traded = true;
            }
        }

        public bool Traded { get; private set; }

        public decimal Mark { get; set; }

        public bool HasMark { get; set; }

        public decimal Multiplier { get; set; } = 1m;

        /// <summary>This holding's share of <see cref="Portfolio.Equity"/> beyond cash.</summary>
        public decimal MarketValue { get; set; }
    }
}
