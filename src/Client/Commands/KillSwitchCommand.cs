using System.CommandLine;
using Aegis.Client.Infrastructure;

namespace Aegis.Client.Commands;

/// <summary><c>aegis killswitch</c>: halts every running or paused scenario of the live lane.</summary>
public static class KillSwitchCommand
{
    public const string DefaultReason = "operator kill switch";

    public static Command Create(GlobalOptions global)
    {
        var reason = new Option<string>("--reason") { Description = "Why (recorded as each scenario's halt reason)", DefaultValueFactory = _ => DefaultReason };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)" };
        var command = new Command("killswitch", "Halt every running or paused scenario") { reason, yes, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            switch (KillSwitchConfirmation.Decide(parse.GetValue(yes), Console.IsInputRedirected))
            {
                case KillSwitchDecision.RefuseWithoutYes:
                    throw new CliException(KillSwitchConfirmation.PassYes);
                case KillSwitchDecision.Ask:
                    await Console.Error.WriteAsync(KillSwitchConfirmation.Question);
                    if (!KillSwitchConfirmation.IsYes(await Console.In.ReadLineAsync(cancellationToken)))
                    {
                        throw new CliException("kill switch not pulled");
                    }

                    break;
                case KillSwitchDecision.Proceed:
                    break;
            }

            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var halted = await connection.Directory().KillSwitch(parse.GetValue(reason) ?? DefaultReason);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(new { halted = halted.Count, scenarios = halted });
            }
            else
            {
                Console.Out.WriteLine(halted.Count == 0
                    ? "halted 0 scenarios (none was running or paused)"
                    : $"halted {halted.Count} scenario{(halted.Count == 1 ? "" : "s")}: {string.Join(", ", halted)}");
            }

            return 0;
        }));
        return command;
    }
}
