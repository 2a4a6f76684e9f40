using System.CommandLine;
using Aegis.Client.Infrastructure;

namespace Aegis.Client.Commands;

/// <summary><c>aegis shadow status|parity|divergences</c>: the shadow lane and its parity with the live lane.</summary>
public static class ShadowCommands
{
    public static Command Create(GlobalOptions global) =>
        new("shadow", "The shadow lane: twins of the live scenarios and their parity") { Status(global), Parity(global), Divergences(global) };

    private static Command Status(GlobalOptions global)
    {
        var command = new Command("status", "Silos and builds of both lanes, and every twin's position and lag") { global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await ShadowLane.ConnectAsync(global, parse, cancellationToken);
            var overview = await connection.ShadowDirectory().GetOverview();
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(overview);
                return 0;
            }

            Output.WriteTable(ShadowText.SiloHeaders, overview.Silos.Select(ShadowText.SiloRow));
            Console.Out.WriteLine();
            if (overview.Twins.Count == 0)
            {
                Console.Out.WriteLine("no twins: the live lane has no scenarios yet");
            }
            else
            {
                Output.WriteTable(ShadowText.TwinHeaders, overview.Twins.OrderBy(t => t.ScenarioId, StringComparer.Ordinal).Select(ShadowText.TwinRow));
            }

            return 0;
        }));
        return command;
    }

    private static Command Parity(GlobalOptions global)
    {
        var scenario = new Argument<string?>("SCENARIO") { Description = "One scenario's report, with its first divergence (default: every scenario)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("parity", "Decisions compared between the lanes, matches and the first divergence") { scenario, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await ShadowLane.ConnectAsync(global, parse, cancellationToken);
            var json = parse.GetValue(global.Json);
            if (parse.GetValue(scenario) is { } scenarioId)
            {
                var report = await (await connection.KnownParityAsync(scenarioId)).GetReport();
                if (json)
                {
                    Output.WriteJson(report);
                }
                else
                {
                    Console.Out.Write(ShadowText.Details(report));
                }

                return report.Divergences == 0 ? 0 : 1;
            }

            var reports = (await connection.ShadowDirectory().GetParity()).OrderBy(r => r.ScenarioId, StringComparer.Ordinal).ToList();
            if (json)
            {
                Output.WriteJson(reports);
            }
            else if (reports.Count == 0)
            {
                Console.Out.WriteLine("no scenarios: the live lane has none yet");
            }
            else
            {
                Output.WriteTable(ShadowText.ParityHeaders, reports.Select(ShadowText.ParityRow));
            }

            return reports.All(r => r.Divergences == 0) ? 0 : 1;
        }));
        return command;
    }

    private static Command Divergences(GlobalOptions global)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "The scenario" };
        var max = new Option<int>("--max") { Description = "At most this many, first first", DefaultValueFactory = _ => 50 };
        var command = new Command("divergences", "Every decision at which the shadow differs from the live lane, both sides") { scenario, max, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await ShadowLane.ConnectAsync(global, parse, cancellationToken);
            var parity = await connection.KnownParityAsync(parse.GetValue(scenario)!);
            var divergences = await parity.GetDivergences(parse.GetValue(max));
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(divergences);
            }
            else if (divergences.Count == 0)
            {
                Console.Out.WriteLine("no divergences");
            }
            else
            {
                Output.WriteTable(ShadowText.DivergenceHeaders, divergences.Select(ShadowText.DivergenceRow));
            }

            return 0;
        }));
        return command;
    }
}
