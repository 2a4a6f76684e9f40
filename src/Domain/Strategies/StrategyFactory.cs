namespace Aegis.Domain.Strategies;

/// <summary>Creates reference strategies by name from string parameters (as they come from a scenario spec).</summary>
public static class StrategyFactory
{
    public const string MovingAverageCrossover = "ma-crossover";
    public const string ZScoreReversion = "zscore-reversion";
    public const string OpeningRangeBreakout = "opening-range-breakout";

    /// <summary>Every name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> KnownStrategies { get; } = [MovingAverageCrossover, ZScoreReversion, OpeningRangeBreakout];

    /// <summary>A new strategy, or all the reasons it cannot be built (unknown name, missing or bad parameters).</summary>
    public static StrategyCreation Create(string name, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new StrategyParameters(name, parameters);
        Func<IStrategy>? build = name switch
        {
            MovingAverageCrossover => MovingAverage(p),
            ZScoreReversion => ZScore(p),
            OpeningRangeBreakout => OpeningRange(p),
            _ => null,
        };

        if (build is null)
        {
            return new StrategyCreation(null, [new StrategyError(null, $"unknown strategy '{name}' (known: {string.Join(", ", KnownStrategies)})")]);
        }

        return p.Errors.Count > 0 ? new StrategyCreation(null, p.Errors) : new StrategyCreation(build(), []);
    }

    private static Func<IStrategy> MovingAverage(StrategyParameters p)
    {
        p.RejectUnknown("fast", "slow", "quantity", "allowShort");
        var fast = p.PositiveInt("fast");
        var slow = p.PositiveInt("slow");
        var quantity = p.PositiveLong("quantity");
        var allowShort = p.Bool("allowShort", true);
        if (p.Errors.Count == 0 && fast >= slow)
        {
            p.Fail("fast", $"must be less than 'slow' ({slow}), got '{fast}'");
        }

        return () => new MovingAverageCrossover(fast, slow, quantity, allowShort);
    }

    private static Func<IStrategy> ZScore(StrategyParameters p)
    {
        p.RejectUnknown("window", "entryZ", "exitZ", "quantity");
        var window = p.PositiveInt("window");
        var entry = p.PositiveDouble("entryZ");
        var exit = p.NonNegativeDouble("exitZ");
        var quantity = p.PositiveLong("quantity");
        if (p.Errors.Count == 0 && window < 2)
        {
            p.Fail("window", $"must be at least 2, got '{window}'");
        }

        if (p.Errors.Count == 0 && exit >= entry)
        {
            p.Fail("exitZ", $"must be less than 'entryZ' ({entry}), got '{exit}'");
        }

        return () => new ZScoreMeanReversion(window, entry, exit, quantity);
    }

    private static Func<IStrategy> OpeningRange(StrategyParameters p)
    {
        p.Retire("sessionCloseUtc", "is no longer accepted: the session open and close now come from the exchange calendar (US equities, early closes included); remove it");
        p.RejectUnknown("rangeMinutes", "quantity", "flattenMinutesBeforeClose", "allowShort");
        var range = p.PositiveInt("rangeMinutes");
        var quantity = p.PositiveLong("quantity");
        var allowShort = p.Bool("allowShort", true);
        int? flatten = null;
        if (p.Optional("flattenMinutesBeforeClose") is { } rawFlatten && !string.Equals(rawFlatten, "never", StringComparison.Ordinal))
        {
            if (int.TryParse(rawFlatten, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes))
            {
                flatten = minutes;
            }
            else
            {
                p.Fail("flattenMinutesBeforeClose", $"must be an integer >= 0 or 'never', got '{rawFlatten}'");
            }
        }

        return () => new OpeningRangeBreakout(range, quantity, flatten, allowShort);
    }
}
