using System.CommandLine;
using Aegis.Client.Infrastructure;
using Aegis.Grains.Interfaces.Live;

namespace Aegis.Client.Commands;

/// <summary><c>aegis quotes tail</c>: the newest accepted quotes of an instrument, optionally followed.</summary>
public static class QuoteCommands
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // A poll asks for at least this many, so a burst between two polls is not cut short.
    private const int FollowWindow = 1000;

    public static Command Create(GlobalOptions global)
    {
        var instrument = new Argument<string>("INSTRUMENT") { Description = "Instrument id, e.g. AAPL" };
        var count = new Option<int>("--count", "-n") { Description = "How many recent quotes to print first", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new quotes every 500 ms until Ctrl+C" };
        var tail = new Command("tail", "Print the recent quotes of an instrument") { instrument, count, follow, global.Json };
        tail.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var instrumentId = parse.GetRequiredValue(instrument);
            var first = parse.GetValue(count);
            if (first <= 0)
            {
                throw new CliException($"--count must be positive, not {first}", 2);
            }

            var json = parse.GetValue(global.Json);
            await using var connection = await LiveLane.ConnectAsync(global, parse, cancellationToken);
            await connection.GetKnownFeedStatusAsync(instrumentId);
            var feed = connection.Feed(instrumentId);
            var quotes = FeedText.NewerThan(await feed.GetRecentQuotes(first), long.MinValue);
            if (json && !parse.GetValue(follow))
            {
                Output.WriteJson(quotes);
                return 0;
            }

            var lastSequence = Write(quotes, json, long.MinValue);
            if (!parse.GetValue(follow))
            {
                return 0;
            }

            try
            {
                while (true)
                {
                    await Task.Delay(PollInterval, cancellationToken);
                    var newer = FeedText.NewerThan(await feed.GetRecentQuotes(Math.Max(first, FollowWindow)), lastSequence);
                    lastSequence = Write(newer, json, lastSequence);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }));

        return new Command("quotes", "Quotes accepted by the live lane's feeds") { tail };
    }

    private static long Write(IReadOnlyList<QuoteView> quotes, bool json, long lastSequence)
    {
        foreach (var quote in quotes)
        {
            if (json)
            {
                Output.WriteJsonLine(quote);
            }
            else
            {
                Console.Out.WriteLine(FeedText.QuoteLine(quote));
            }
        }

        return quotes.Count == 0 ? lastSequence : quotes[^1].Sequence;
    }
}
