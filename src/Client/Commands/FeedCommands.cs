using System.CommandLine;
using Aegis.Client.Infrastructure;

namespace Aegis.Client.Commands;

/// <summary><c>aegis feeds list|show</c>: the health of the live lane's instrument feeds.</summary>
public static class FeedCommands
{
    public static Command Create(GlobalOptions global) => new("feeds", "Instrument quote feeds of the live lane") { List(global), Show(global) };

    private static Command List(GlobalOptions global)
    {
        var instruments = new Option<string?>("--instruments")
        {
            Description = "Comma-separated instrument ids (default: every instrument a scenario watches)",
        };
        var command = new Command("list", "Feed health per instrument: last quote, counters, rate, staleness") { instruments, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var requested = Format.SplitList(parse.GetValue(instruments));
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var ids = requested.Count > 0 ? requested : FeedText.Instruments([], await connection.Directory().List());
            var statuses = await Task.WhenAll(ids.Select(id => connection.Feed(id).GetStatus()));
            var known = statuses.Where(s => s.KnownInstrument).ToList();
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(known);
            }
            else if (ids.Count == 0)
            {
                Console.Out.WriteLine("no feeds: no scenario watches an instrument (pass --instruments A,B to name some)");
            }
            else if (known.Count > 0)
            {
                Output.WriteTable(FeedText.ListHeaders, known.Select(FeedText.ListRow));
            }

            foreach (var unknown in statuses.Where(s => !s.KnownInstrument))
            {
                await Console.Error.WriteLineAsync($"aegis: unknown instrument '{unknown.InstrumentId}'");
            }

            return known.Count == statuses.Length ? 0 : 1;
        }));
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var instrument = new Argument<string>("INSTRUMENT") { Description = "Instrument id, e.g. AAPL" };
        var command = new Command("show", "One feed in detail, with rejections by reason") { instrument, global.Json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            var status = await connection.GetKnownFeedStatusAsync(parse.GetRequiredValue(instrument));
            if (parse.GetValue(global.Json))
            {
                Output.WriteJson(status);
            }
            else
            {
                Console.Out.Write(FeedText.Details(status));
            }

            return 0;
        }));
        return command;
    }
}
