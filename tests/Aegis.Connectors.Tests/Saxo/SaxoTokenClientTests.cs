using System.Net;
using System.Web;
using Aegis.Connectors.Saxo.Auth;
using Aegis.FakeVenues.Saxo;

namespace Aegis.Connectors.Tests.Saxo;

public sealed class SaxoTokenClientTests
{
    private static SaxoTokenClient Client(FakeSaxoServer fake, HttpClient http, string secret = "fake-secret") =>
        new(http, new SaxoAuthOptions { AuthorizeUri = fake.AuthorizeUri, TokenUri = fake.TokenUri, AppKey = "fake-app", AppSecret = secret,
            RedirectUri = new Uri("http://localhost:53682/callback") }, TimeProvider.System);

    // What the browser does: follow the authorize URL to the redirect, and read the code from it.
    private static async Task<(string Code, string State)> LogInAsync(Uri authorize)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return (query["code"]!, query["state"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Logs_in_with_the_code_flow_and_refreshes_rotating_the_refresh_token(bool pkce)
    {
        await using var fake = await FakeSaxoServer.StartAsync(new FakeSaxoOptions { AppSecret = pkce ? string.Empty : "fake-secret" });
        using var http = new HttpClient();
        var client = Client(fake, http, pkce ? string.Empty : "fake-secret");
        var proof = pkce ? Pkce.Create() : null;

        var (code, state) = await LogInAsync(client.AuthorizeUri("st-1", proof));
        var login = await client.ExchangeCodeAsync(code, proof?.Verifier, CancellationToken.None);
        var refreshed = await client.RefreshAsync(login.RefreshToken, proof?.Verifier, CancellationToken.None);

        Assert.Equal("st-1", state);
        Assert.True(fake.Auth.IsValidAccessToken(login.AccessToken));
        Assert.True(fake.Auth.IsValidAccessToken(refreshed.AccessToken));
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.InRange(refreshed.AccessExpiresUtc - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));
        var reused = await Assert.ThrowsAsync<SaxoTokenRejectedException>(() => client.RefreshAsync(login.RefreshToken, proof?.Verifier, CancellationToken.None));
        Assert.Contains("invalid_grant", reused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pkce_code_exchanged_with_the_wrong_verifier_is_refused()
    {
        await using var fake = await FakeSaxoServer.StartAsync(new FakeSaxoOptions { AppSecret = string.Empty });
        using var http = new HttpClient();
        var client = Client(fake, http, string.Empty);
        var (code, _) = await LogInAsync(client.AuthorizeUri("s", Pkce.Create()));

        await Assert.ThrowsAsync<SaxoTokenRejectedException>(() => client.ExchangeCodeAsync(code, Pkce.Create().Verifier, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_rejected_and_says_so()
    {
        await using var fake = await FakeSaxoServer.StartAsync();
        using var http = new HttpClient();
        var (_, refresh) = fake.Auth.IssueGrant();
        fake.Auth.RevokeRefreshTokens();

        await Assert.ThrowsAsync<SaxoTokenRejectedException>(() => Client(fake, http).RefreshAsync(refresh, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_rate_limit_is_an_outage_with_the_servers_retry_after_and_the_token_still_works_later()
    {
        await using var fake = await FakeSaxoServer.StartAsync();
        using var http = new HttpClient();
        var (_, refresh) = fake.Auth.IssueGrant();
        fake.Auth.FailNextTokenRequests(429, 1, TimeSpan.FromSeconds(7));

        var limited = await Assert.ThrowsAsync<SaxoTokenEndpointException>(() => Client(fake, http).RefreshAsync(refresh, null, CancellationToken.None));
        var later = await Client(fake, http).RefreshAsync(refresh, null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
        Assert.True(fake.Auth.IsValidAccessToken(later.AccessToken));
    }

    [Fact]
    public async Task A_server_error_and_an_unreachable_endpoint_are_outages_not_rejections()
    {
        await using var fake = await FakeSaxoServer.StartAsync();
        using var http = new HttpClient();
        fake.Auth.FailNextTokenRequests(503, 1);

        var error = await Assert.ThrowsAsync<SaxoTokenEndpointException>(() => Client(fake, http).RefreshAsync("x", null, CancellationToken.None));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        var unreachable = new SaxoTokenClient(http, new SaxoAuthOptions { TokenUri = new Uri("http://127.0.0.1:9/token"), AppKey = "a", AppSecret = "b" }, TimeProvider.System);
        await Assert.ThrowsAsync<SaxoTokenEndpointException>(() => unreachable.RefreshAsync("x", null, CancellationToken.None));
    }

    [Fact]
    public void Tokens_never_print_themselves()
    {
        var tokens = new OAuthTokens("access-secret", DateTimeOffset.UnixEpoch, "refresh-secret", null);

        Assert.DoesNotContain("secret", tokens.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", $"{tokens}", StringComparison.Ordinal);
    }
}
