using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Aegis.FakeVenues.Saxo;

/// <summary>A fake Saxo on a loopback port: OAuth at <c>/authorize</c> and <c>/token</c>.</summary>
public sealed class FakeSaxoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSaxoServer(WebApplication app, FakeSaxoAuth auth, Uri baseUri)
    {
        _app = app;
        Auth = auth;
        BaseUri = baseUri;
    }

    public FakeSaxoAuth Auth { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5180/</c>.</summary>
    public Uri BaseUri { get; }

    public Uri AuthorizeUri => new(BaseUri, "authorize");

    public Uri TokenUri => new(BaseUri, "token");

    /// <summary>Starts on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<FakeSaxoServer> StartAsync(FakeSaxoOptions? options = null, int port = 0, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var auth = new FakeSaxoAuth(options ?? new FakeSaxoOptions(), time ?? TimeProvider.System);
        app.MapGet("/authorize", auth.Authorize);
        app.MapPost("/token", auth.TokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeSaxoServer(app, auth, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
