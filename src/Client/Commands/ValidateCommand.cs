using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Shadow;

namespace Aegis.Client.Commands;

/// <summary><c>aegis validate [RULE]</c>: the validator's invariant rules, checked now, one verdict each.</summary>
public static class ValidateCommand
{
    public static readonly IReadOnlyList<string> Headers = ["RULE", "VERDICT", "CHECKED", "FAILURES", "DETAIL"];

    public static Command Create(GlobalOptions global)
    {
        var rule = new Argument<string?>("RULE") { Description = "Only this rule (default: every rule)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check the invariant rules now (positions, cash, tape gaps, tape quotes, stale feeds, lag); exit 1 if one fails")
        {
            rule,
            global.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await ShadowLane.ConnectAsync(global, parse, cancellationToken);
            var validator = connection.Client.GetGrain<IValidatorGrain>(IValidatorGrain.Key);
            var name = parse.GetValue(rule);
            if (name is not null && !(await validator.GetRules()).Contains(name, StringComparer.Ordinal))
            {
                throw new CliException($"unknown rule '{name}' (rules: {string.Join(", ", await validator.GetRules())})");
            }

            var verdicts = await validator.Check(name);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(verdicts);
            }
            else
            {
                Output.WriteTable(Headers, verdicts.Select(Row));
            }

            return verdicts.All(v => v.Passed) ? 0 : 1;
        }));
        return command;
    }

    public static IReadOnlyList<string> Row(ValidationVerdict v) =>
        [v.Rule, v.Passed ? "pass" : "FAIL", Format.Count(v.Checked), Format.Count(v.Failures), v.Detail];
}
