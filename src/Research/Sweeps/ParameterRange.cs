using System.Globalization;

namespace Aegis.Research.Sweeps;

/// <summary>One parameter's inclusive range for random search; integral when both bounds are whole numbers.</summary>
public sealed record ParameterRange(string Name, decimal Min, decimal Max)
{
    public bool Integral => decimal.Truncate(Min) == Min && decimal.Truncate(Max) == Max;

    public string Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Max < Min)
        {
            throw new ArgumentException($"parameter '{Name}': the range {Min}..{Max} is empty");
        }

        return Integral
            ? random.NextInt64((long)Min, (long)Max + 1).ToString(CultureInfo.InvariantCulture)
            : decimal.Round(Min + (Max - Min) * (decimal)random.NextDouble(), 6).ToString(CultureInfo.InvariantCulture);
    }
}
