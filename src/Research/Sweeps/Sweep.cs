using Aegis.Domain.Instruments;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Research.Backtests;

namespace Aegis.Research.Sweeps;

/// <summary>
/// Runs many trials over one <see cref="MarketDay"/>: the data is decoded and merged once and every trial reads the
/// same arrays. Trials are independent, so they run in parallel; results come back in trial order.
/// </summary>
public static class Sweep
{
    /// <exception cref="ArgumentException">A trial's strategy does not build from its parameters: the message names the trial and why.</exception>
    public static IReadOnlyList<BacktestResult> Run(MarketDay day, IReadOnlyList<ScenarioSpec> trials, StrategyCatalog strategies,
        Func<string, Instrument?> instruments, BacktestOptions? options = null, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(strategies);
        foreach (var trial in trials)
        {
            if (strategies.Create(trial.Strategy, trial.Parameters) is { Strategy: null } failed)
            {
                throw new ArgumentException($"trial {trial.Id}: {string.Join("; ", failed.Errors.Select(e => e.Message))}");
            }
        }

        var results = new BacktestResult[trials.Count];
        Parallel.For(0, trials.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i =>
            results[i] = BacktestEngine.Run(trials[i], strategies, instruments, day.Prepared(trials[i].Instruments, trials[i].ExtendedHours), options));
        return results;
    }
}
