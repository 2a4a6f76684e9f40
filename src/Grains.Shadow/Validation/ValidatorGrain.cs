using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Shadow;
using Aegis.Grains.Shadow.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Shadow.Validation;

/// <summary>
/// The validator (see <see cref="IValidatorGrain"/>). A rule that fails raises an alert when it starts failing, not on
/// every run while it keeps failing.
/// </summary>
public sealed partial class ValidatorGrain(ValidationRules rules, VerdictStore verdicts, SiloBuild build, IOptions<ShadowLaneOptions> options,
    ILogger<ValidatorGrain> logger) : Grain, IValidatorGrain, IRemindable
{
    private const string Reminder = "validate";
    private readonly Dictionary<string, bool> _lastPassed = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> GetRules() => Task.FromResult(ValidationRules.Names);

    public async Task<IReadOnlyList<ValidationVerdict>> Check(string? rule)
    {
        if (rule is not null && !ValidationRules.Names.Contains(rule, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown rule '{rule}' (rules: {string.Join(", ", ValidationRules.Names)})", nameof(rule));
        }

        var results = new List<ValidationVerdict>();
        foreach (var name in rule is null ? ValidationRules.Names : [rule])
        {
            results.Add(await rules.CheckAsync(name));
        }

        var alerting = results.Where(v => !v.Passed && _lastPassed.GetValueOrDefault(v.Rule, true)).ToList();
        await verdicts.SaveAsync(Guid.NewGuid(), build.Version, results, alerting);
        foreach (var verdict in results)
        {
            _lastPassed[verdict.Rule] = verdict.Passed;
            if (!verdict.Passed)
            {
                LogFailed(logger, verdict.Rule, verdict.Detail);
            }
        }

        return results;
    }

    public async Task EnsureScheduled()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, options.Value.ValidatorInterval, options.Value.ValidatorInterval);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Check(null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator rule {Rule} failed: {Detail}")]
    private static partial void LogFailed(ILogger logger, string rule, string detail);
}
