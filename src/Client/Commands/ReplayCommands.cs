using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Commands;

/// <summary><c>aegis replay status</c>: progress of the sample-day replay feeding the live lane.</summary>
public static class ReplayCommands
{
    public static Command Create(GlobalOptions global)
    {
        var status = new Command("status", "Show the replay's progress") { global.Json };
        status.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var replay = await connection.Client.GetGrain<IReplayGrain>(IReplayGrain.Key).GetStatus();
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(replay);
            }
            else
            {
                Console.Out.WriteLine(Line(replay));
            }

            return 0;
        }));

        return new Command("replay", "The sample-day market replay") { status };
    }

    /// <summary><c>replay running: 1200 quotes published, cursor 2026-01-16T14:30:00.000Z, loop 0, speed 10x</c>.</summary>
    public static string Line(ReplayStatus r) =>
        $"replay {(r.Running ? "running" : "stopped")}: {Format.Count(r.QuotesPublished)} quotes published, " +
        $"cursor {Format.OptionalUnixNs(r.CursorExchangeTimeUnixNs)}, loop {Format.Count(r.Loops)}, " +
        $"speed {r.Speed.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}x" +
        (r.LastError is null ? "" : $", last error: {r.LastError}");
}
