using Aegis.Domain.Scenarios;

namespace Aegis.Research.Sweeps;

/// <summary>
/// The trials of a sweep as scenario specs: the base spec with some strategy parameters replaced. Trial ids are the
/// base id with a 0-based index (<c>spy-ma-crossover-t0007</c>), in a fixed order, so a sweep's results line up with
/// its trials however it was run.
/// </summary>
public static class ParameterGrid
{
    /// <summary>Grid search: every combination of the values, the last parameter varying fastest.</summary>
    public static IReadOnlyList<ScenarioSpec> Expand(ScenarioSpec baseSpec, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> axes)
    {
        ArgumentNullException.ThrowIfNull(baseSpec);
        ArgumentNullException.ThrowIfNull(axes);
        foreach (var (name, values) in axes)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"parameter '{name}' has no values to try");
            }
        }

        IEnumerable<Dictionary<string, string>> combinations = [new Dictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, values) in axes)
        {
            combinations = combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [name] = v })).ToList();
        }

        return combinations.Select((c, i) => Trial(baseSpec, i, c)).ToList();
    }

    /// <summary>
    /// Random search: <paramref name="count"/> draws, each parameter uniform in its inclusive range (integers when
    /// both bounds are), from a seeded generator so that the same seed gives the same trials.
    /// </summary>
    public static IReadOnlyList<ScenarioSpec> Random(ScenarioSpec baseSpec, IReadOnlyList<ParameterRange> ranges, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseSpec);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Trial(baseSpec, i,
            ranges.ToDictionary(r => r.Name, r => r.Draw(random), StringComparer.Ordinal))).ToList();
    }

    public static ScenarioSpec Trial(ScenarioSpec baseSpec, int index, IReadOnlyDictionary<string, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(baseSpec);
        var parameters = new Dictionary<string, string>(baseSpec.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            parameters[name] = value;
        }

        var id = $"{baseSpec.Id}-t{index:D4}";
        return baseSpec with { Id = id, Name = $"{baseSpec.Name} #{index}", Parameters = parameters };
    }
}
