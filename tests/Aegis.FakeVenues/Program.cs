using System.Globalization;
using Aegis.FakeVenues.Saxo;

// dotnet run --project tests/Aegis.FakeVenues -- saxo [--port 5180]
// Serves the fake Saxo on loopback until Ctrl+C; prints where it listens and the app key and secret it accepts.
if (args.Length == 0 || args[0] != "saxo")
{
    Console.Error.WriteLine("usage: Aegis.FakeVenues saxo [--port N]");
    return 2;
}

var port = args.Length > 2 && args[1] == "--port" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5180;
var options = new FakeSaxoOptions();
await using var server = await FakeSaxoServer.StartAsync(options, port);
Console.WriteLine($"fake Saxo at {server.BaseUri} (authorize {server.AuthorizeUri}, token {server.TokenUri}); app key '{options.AppKey}', app secret '{options.AppSecret}'");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
