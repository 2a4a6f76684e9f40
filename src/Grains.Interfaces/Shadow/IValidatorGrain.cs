namespace Aegis.Grains.Interfaces.Shadow;

/// <summary>
/// The validator (one instance, key <see cref="Key"/>): named invariant rules over the lanes' durable records,
/// checked on a schedule (a reminder) and on demand. Every verdict goes to <c>validator_verdicts</c>; a failed
/// one raises an alert.
/// </summary>
public interface IValidatorGrain : IGrainWithStringKey
{
    const string Key = "shadow";

    /// <summary>The rules, by name.</summary>
    Task<IReadOnlyList<string>> GetRules();

    /// <summary>Checks every rule, or only <paramref name="rule"/>; an unknown rule name is an <see cref="ArgumentException"/>.</summary>
    Task<IReadOnlyList<ValidationVerdict>> Check(string? rule);

    /// <summary>Registers the schedule if it is not registered yet.</summary>
    Task EnsureScheduled();
}
