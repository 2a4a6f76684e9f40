using System.Globalization;

namespace Aegis.Domain.Strategies;

/// <summary>Parses string parameters, collecting every error instead of stopping at the first.</summary>
internal sealed class StrategyParameters(string strategyName, IReadOnlyDictionary<string, string> values)
{
    private readonly List<StrategyError> errors = [];
    private readonly HashSet<string> retired = new(StringComparer.Ordinal);

    public IReadOnlyList<StrategyError> Errors => errors;

    public void Fail(string parameter, string message) => errors.Add(new StrategyError(parameter, message));

    /// <summary>
    /// Refuses a parameter that used to exist with <paramref name="why"/>, so an old spec is told what
    /// replaced it rather than only that the name is unknown. Call before <see cref="RejectUnknown"/>.
    /// </summary>
    public void Retire(string name, string why)
    {
        retired.Add(name);
        if (values.ContainsKey(name))
        {
            Fail(name, why);
        }
    }

    public void RejectUnknown(params string[] known)
    {
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key, StringComparer.Ordinal) && !retired.Contains(key))
            {
                Fail(key, $"is not a parameter of '{strategyName}' (known: {string.Join(", ", known)})");
            }
        }
    }

    public int PositiveInt(string name) =>
        Required(name, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : FailWith(name, raw, "a positive integer", 1);

    public long PositiveLong(string name) =>
        Required(name, out var raw) && long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : FailWith(name, raw, "a positive integer", 1L);

    public double PositiveDouble(string name) =>
        Required(name, out var raw) && TryDouble(raw, out var value) && value > 0d
            ? value
            : FailWith(name, raw, "a positive number", 1d);

    public double NonNegativeDouble(string name) =>
        Required(name, out var raw) && TryDouble(raw, out var value) && value >= 0d
            ? value
            : FailWith(name, raw, "a number >= 0", 0d);

    public bool Bool(string name, bool defaultValue)
    {
        if (!values.TryGetValue(name, out var raw))
        {
            return defaultValue;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        Fail(name, $"must be true or false, got '{raw}'");
        return defaultValue;
    }

    public string? Optional(string name) => values.TryGetValue(name, out var raw) ? raw : null;

    private bool Required(string name, out string? raw)
    {
        if (values.TryGetValue(name, out raw))
        {
            return true;
        }

        return false;
    }

    private T FailWith<T>(string name, string? raw, string what, T placeholder)
    {
        Fail(name, raw is null ? $"is required ({what})" : $"must be {what}, got '{raw}'");
        return placeholder;
    }

    private static bool TryDouble(string? raw, out double value) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
