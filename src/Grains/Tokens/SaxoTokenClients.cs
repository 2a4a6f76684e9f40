using Aegis.Connectors.Saxo.Auth;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Tokens;

/// <summary>The token client of each configured Saxo account, over one shared HTTP connection pool.</summary>
public sealed class SaxoTokenClients(IOptions<BrokerAccountsOptions> options, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <exception cref="ArgumentException">The account is not configured.</exception>
    public SaxoTokenClient For(string accountKey) =>
        options.Value.Saxo.TryGetValue(accountKey, out var account)
            ? new SaxoTokenClient(_http, account, time)
            : throw new ArgumentException($"broker account '{accountKey}' is not configured (section {BrokerAccountsOptions.Section}:Saxo:{accountKey})");

    public void Dispose() => _http.Dispose();
}
