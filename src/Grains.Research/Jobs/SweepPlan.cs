using Aegis.Datasets.Layout;
using Aegis.Domain.Scenarios;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Research;
using Aegis.Research.Sweeps;
using Aegis.Research.WalkForward;

namespace Aegis.Grains.Research.Jobs;

/// <summary>
/// A job spec checked and cut into chunks: the base scenario, every trial's parameters (each one checked to build
/// its strategy), and the chunks of trials the workers take. A malformed spec is refused with the field and the reason.
/// </summary>
public sealed record SweepPlan(ScenarioSpec BaseSpec, IReadOnlyList<SweepTrial> Trials, IReadOnlyList<IReadOnlyList<SweepTrial>> Chunks)
{
    public const int MaxTrials = 100_000;

    public const int MaxWorkers = 100;

    /// <exception cref="ArgumentException">"field: reason".</exception>
    public static SweepPlan Create(ResearchJobSpec spec, StrategyCatalog strategies, int defaultTrialsPerChunk)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(strategies);
        if (string.IsNullOrWhiteSpace(spec.Dataset))
        {
            throw new ArgumentException("dataset: required");
        }

        Field("dataset", () => DatasetKeys.Root(spec.Dataset));
        var read = ScenarioSpecReader.Read(spec.ScenarioSpec ?? string.Empty, strategies);
        var baseSpec = read.Spec ?? throw new ArgumentException($"scenarioSpec: {string.Join("; ", read.Errors)}");
        var grid = spec.Grid ?? [];
        var ranges = spec.Ranges ?? [];
        if (grid.Count > 0 == spec.RandomTrials > 0)
        {
            throw new ArgumentException("grid / randomTrials: give either grid axes or a number of random trials (with ranges), not both or neither");
        }

        if (spec.CscvSplits != 0 && (spec.CscvSplits < 2 || spec.CscvSplits % 2 != 0 || spec.CscvSplits > 30))
        {
            throw new ArgumentException($"cscvSplits: {spec.CscvSplits} is not 0 (no CSCV) or an even number from 2 to 30");
        }

        if (spec.Workers is < 0 or > MaxWorkers)
        {
            throw new ArgumentException($"workers: {spec.Workers} is not from 0 to {MaxWorkers}");
        }

        if (spec.WalkForward is { } walk)
        {
            if (walk.PeriodMinutes < 1 || walk.TrainPeriods < 1 || walk.TestPeriods < 1 || walk.Gap < 0)
            {
                throw new ArgumentException($"walkForward: periodMinutes, trainPeriods and testPeriods must be at least 1 and gap at least 0 (got {walk.PeriodMinutes}, {walk.TrainPeriods}, {walk.TestPeriods}, {walk.Gap})");
            }

            _ = Mode(walk);
        }

        if (spec.TrialsPerChunk < 0)
        {
            throw new ArgumentException($"trialsPerChunk: {spec.TrialsPerChunk} is negative");
        }

        var trials = grid.Count > 0
            ? Field("grid", () => ParameterGrid.Expand(baseSpec, grid.Select(a => (a.Name, a.Values)).ToList()))
            : Field("ranges", () => spec.RandomTrials > MaxTrials || ranges.Count == 0
                ? throw new ArgumentException(ranges.Count == 0 ? "random search needs at least one range" : $"{spec.RandomTrials} trials, at most {MaxTrials}")
                : ParameterGrid.Random(baseSpec, ranges.Select(r => new ParameterRange(r.Name, r.Min, r.Max)).ToList(), spec.RandomTrials, spec.Seed));
        if (trials.Count > MaxTrials)
        {
            throw new ArgumentException($"grid: {trials.Count} trials, at most {MaxTrials}");
        }

        var swept = trials.Select((t, i) => new SweepTrial(i, Overrides(baseSpec, t))).ToList();
        for (var i = 0; i < trials.Count; i++)
        {
            if (strategies.Create(trials[i].Strategy, trials[i].Parameters) is { Strategy: null } failed)
            {
                var shown = string.Join(", ", swept[i].Parameters.Select(p => $"{p.Key}={p.Value}"));
                throw new ArgumentException($"{(grid.Count > 0 ? "grid" : "ranges")}: trial {i} ({shown}) does not build: {string.Join("; ", failed.Errors.Select(e => e.Message))}");
            }
        }

        var size = spec.TrialsPerChunk > 0 ? spec.TrialsPerChunk : defaultTrialsPerChunk;
        return new SweepPlan(baseSpec, swept, swept.Chunk(size).Select(c => (IReadOnlyList<SweepTrial>)c).ToList());
    }

    /// <exception cref="ArgumentException">Not rolling or anchored.</exception>
    public static WalkForwardMode Mode(WalkForwardSpec walk)
    {
        ArgumentNullException.ThrowIfNull(walk);
        return walk.Mode?.ToLowerInvariant() switch
        {
            "rolling" => WalkForwardMode.Rolling,
            "anchored" => WalkForwardMode.Anchored,
            _ => throw new ArgumentException($"walkForward: mode '{walk.Mode}' is not rolling or anchored"),
        };
    }

    /// <summary>
    /// A walk-forward job's chunks: one per fold of the data's span (from the dataset's manifest), each over every trial.
    /// </summary>
    /// <exception cref="ArgumentException">The data is too short for one fold.</exception>
    public static IReadOnlyList<(FoldWindow Fold, IReadOnlyList<SweepTrial> Trials)> Folds(WalkForwardSpec walk, IReadOnlyList<SweepTrial> trials, long firstUnixNs, long lastUnixNs)
    {
        ArgumentNullException.ThrowIfNull(walk);
        var windows = Field("walkForward", () => WalkForwardWindow.Over(firstUnixNs, lastUnixNs, walk.PeriodMinutes * 60_000_000_000L, walk.TrainPeriods, walk.TestPeriods,
            Mode(walk), walk.Gap));
        return windows.Select(w => (new FoldWindow(w.Fold, w.TrainStartUnixNs, w.TrainEndUnixNs, w.TestStartUnixNs, w.TestEndUnixNs), trials)).ToList();
    }

    // The parameters a trial sets that differ from the base spec's.
    private static Dictionary<string, string> Overrides(ScenarioSpec baseSpec, ScenarioSpec trial) =>
        trial.Parameters.Where(p => !baseSpec.Parameters.TryGetValue(p.Key, out var value) || value != p.Value)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static T Field<T>(string field, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{field}: {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }
}
