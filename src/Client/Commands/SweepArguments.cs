using System.Globalization;
using Aegis.Grains.Interfaces.Research;

namespace Aegis.Client.Commands;

/// <summary>
/// The sweep's trials as typed on the command line: <c>--grid fast=3,5,8</c> (one axis per option) and
/// <c>--range slow=20..60</c> (inclusive; integral when both bounds are). A malformed one is refused, saying which.
/// </summary>
public static class SweepArguments
{
    public static IReadOnlyList<SweepAxis> Grid(IEnumerable<string> options) => options.Select(option =>
    {
        var (name, values) = Split(option, "--grid", "NAME=V1,V2,...");
        var list = values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return list.Length > 0 ? new SweepAxis(name, list) : throw new FormatException($"--grid {option}: no values after '='");
    }).ToList();

    public static IReadOnlyList<SweepRange> Ranges(IEnumerable<string> options) => options.Select(option =>
    {
        var (name, bounds) = Split(option, "--range", "NAME=MIN..MAX");
        var parts = bounds.Split("..");
        return parts.Length == 2
            && decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var min)
            && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var max)
            && min <= max
            ? new SweepRange(name, min, max)
            : throw new FormatException($"--range {option}: expected NAME=MIN..MAX with MIN ≤ MAX");
    }).ToList();

    private static (string Name, string Text) Split(string option, string flag, string shape)
    {
        var at = option.IndexOf('=', StringComparison.Ordinal);
        return at > 0 ? (option[..at].Trim(), option[(at + 1)..]) : throw new FormatException($"{flag} {option}: expected {shape}");
    }
}
