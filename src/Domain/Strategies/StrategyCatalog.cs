using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Strategies;

/// <summary>
/// The strategies a lane can run: the reference ones of <see cref="StrategyFactory"/>, plus any a build
/// adds under its own names (a new strategy version in the shadow lane, a test's instrumented one).
/// Spec validation, live scenarios and replays all create strategies through the same catalog, so a
/// spec that validates is one the lane can run and replay.
/// </summary>
public sealed class StrategyCatalog
{
    private readonly IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, string>, StrategyCreation>> _added;

    private StrategyCatalog(IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, string>, StrategyCreation>> added) => _added = added;

    /// <summary>The reference strategies only.</summary>
    public static StrategyCatalog Reference { get; } = new(new Dictionary<string, Func<IReadOnlyDictionary<string, string>, StrategyCreation>>());

    /// <summary>A catalog that also knows <paramref name="name"/> (a reference name cannot be taken over).</summary>
    public StrategyCatalog With(string name, Func<IReadOnlyDictionary<string, string>, StrategyCreation> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(create);
        if (StrategyFactory.KnownStrategies.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a reference strategy", nameof(name));
        }

        return new StrategyCatalog(new Dictionary<string, Func<IReadOnlyDictionary<string, string>, StrategyCreation>>(_added, StringComparer.Ordinal)
        {
            [name] = create,
        });
    }

    /// <summary>A new strategy, or every reason it cannot be built.</summary>
    public StrategyCreation Create(string name, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return _added.TryGetValue(name, out var create) ? create(parameters) : StrategyFactory.Create(name, parameters);
    }

    /// <summary>The strategy of a spec that validated against this catalog.</summary>
    /// <exception cref="InvalidOperationException">It no longer builds (the catalog changed since the spec was stored).</exception>
    public IStrategy CreateFor(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var created = Create(spec.Strategy, spec.Parameters);
        return created.Strategy ?? throw new InvalidOperationException(
            $"strategy of scenario '{spec.Id}' cannot be created: {string.Join("; ", created.Errors.Select(e => e.Message))}");
    }
}
