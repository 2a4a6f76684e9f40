using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Commands;

/// <summary><c>aegis scenarios list|show|create|pause|resume|halt|retire</c>: the live lane's paper-trading scenarios.</summary>
public static class ScenarioCommands
{
    public const string DefaultHaltReason = "operator halt";

    public static Command Create(GlobalOptions global)
    {
        var reason = new Option<string>("--reason") { Description = "Why the scenario is halted", DefaultValueFactory = _ => DefaultHaltReason };
        return new Command("scenarios", "Paper-trading scenarios of the live lane")
        {
            List(global),
            Show(global),
            CreateScenario(global),
            Transition(global, "pause", "Stop trading; keep watching quotes and marking positions", (scenario, _) => scenario.Pause()),
            Transition(global, "resume", "Trade again after a pause", (scenario, _) => scenario.Resume()),
            Transition(global, "halt", "Stop trading until resumed, with a reason", (scenario, parse) => scenario.Halt(parse.GetValue(reason) ?? DefaultHaltReason), reason),
            Transition(global, "retire", "Stop for good and unsubscribe from the feeds (terminal)", (scenario, _) => scenario.Retire()),
            Replay(global),
        };
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "List the scenarios with their status and money") { global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var scenarios = (await connection.Directory().List()).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(scenarios);
            }
            else if (scenarios.Count == 0)
            {
                Console.Out.WriteLine("no scenarios: create one with aegis scenarios create -f SPEC");
            }
            else
            {
                Output.WriteTable(ScenarioText.ListHeaders, scenarios.Select(ScenarioText.ListRow));
            }

            return 0;
        }));
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "Scenario id" };
        var command = new Command("show", "Show a scenario: money, parameters, positions, open orders, recent fills") { id, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var scenarioId = parse.GetRequiredValue(id);
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var details = await connection.Scenario(scenarioId).GetDetails() ?? throw UnknownScenario(scenarioId);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(details);
            }
            else
            {
                Console.Out.Write(ScenarioText.Details(details));
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateScenario(GlobalOptions global)
    {
        var file = new Option<string>("--file", "-f") { Description = "The scenario spec, YAML or JSON", Required = true };
        var command = new Command("create", "Create a scenario from a spec file") { file, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var specText = await SpecFile.ReadAsync(parse.GetRequiredValue(file), cancellationToken);
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var result = await connection.Directory().Create(specText);
            if (!result.Succeeded)
            {
                return await WriteRefusalAsync("invalid spec", result.Errors);
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(result.Scenario);
            }
            else
            {
                Console.Out.WriteLine($"created scenario {result.Scenario?.Id ?? "(id not reported)"}");
            }

            return 0;
        }));
        return command;
    }

    private static Command Replay(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "Scenario id" };
        var from = new Option<long>("--from") { Description = "First decision number to compare (the replay always starts at the creation)", DefaultValueFactory = _ => 1 };
        var to = new Option<long>("--to") { Description = "Last decision number to compare (default: the end of the journal)", DefaultValueFactory = _ => 0 };
        var command = new Command("replay", "Replay a scenario from its durable inputs and compare every decision with its journal; exit 0 when identical")
        {
            id, from, to, global.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var scenarioId = parse.GetRequiredValue(id);
            if (parse.GetValue(from) < 1 || parse.GetValue(to) < 0 || (parse.GetValue(to) > 0 && parse.GetValue(to) < parse.GetValue(from)))
            {
                throw new CliException("--from must be at least 1 and --to (when given) at least --from", 2);
            }

            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var result = await connection.Client.GetGrain<IScenarioReplayGrain>(scenarioId).Replay(parse.GetValue(from), parse.GetValue(to))
                ?? throw UnknownScenario(scenarioId);
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(result);
            }
            else
            {
                foreach (var line in ScenarioText.ReplayLines(result))
                {
                    Console.Out.WriteLine(line);
                }
            }

            return result.Identical ? 0 : 1;
        }));
        return command;
    }

    private static Command Transition(
        GlobalOptions global, string name, string description, Func<IScenarioGrain, ParseResult, Task<ScenarioCommandResult>> call, params Option[] options)
    {
        var id = new Argument<string>("ID") { Description = "Scenario id" };
        var command = new Command(name, description) { id, global.Json };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var scenarioId = parse.GetRequiredValue(id);
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            if (!await connection.Directory().Exists(scenarioId))
            {
                throw UnknownScenario(scenarioId);
            }

            var result = await call(connection.Scenario(scenarioId), parse);
            if (!result.Succeeded)
            {
                return await WriteRefusalAsync($"cannot {name} scenario '{scenarioId}'", result.Errors);
            }

            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(result.Scenario);
            }
            else
            {
                Console.Out.WriteLine($"scenario {scenarioId} is {result.Scenario?.Status ?? "(status not reported)"}");
            }

            return 0;
        }));
        return command;
    }

    private static CliException UnknownScenario(string scenarioId) => new($"unknown scenario '{scenarioId}'");

    private static async Task<int> WriteRefusalAsync(string prefix, IReadOnlyList<string> errors)
    {
        foreach (var line in ScenarioText.RefusalLines(prefix, errors))
        {
            await Console.Error.WriteLineAsync(line);
        }

        return 1;
    }
}
