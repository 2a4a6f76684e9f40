using System.Text;
using System.Web;
using Aegis.Connectors.Saxo.Auth;
using Aegis.FakeVenues.Saxo;
using Aegis.Grains.Interfaces.Tokens;
using Aegis.Grains.Security;
using Aegis.Grains.Tokens;
using Aegis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aegis.Grains.Tests;

/// <summary>The token keeper against the fake Saxo, on a real cluster and database.</summary>
public sealed class BrokerTokenTests(PostgresServerFixture postgres)
{
    private const string Account = "saxo:sim:T1";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static async Task<(LiveLaneCluster Live, FakeSaxoServer Fake)> StartAsync(PostgresServerFixture postgres, string name)
    {
        var fake = await FakeSaxoServer.StartAsync();
        var live = await LiveLaneCluster.StartAsync(postgres, name, services: services =>
        {
            services.AddSingleton(new SecretBox(Key));
            services.Configure<BrokerAccountsOptions>(o =>
            {
                o.Saxo[Account] = new SaxoAuthOptions { AuthorizeUri = fake.AuthorizeUri, TokenUri = fake.TokenUri, AppKey = "fake-app", AppSecret = "fake-secret", UsePkce = true };
                o.RefreshMargin = TimeSpan.FromMinutes(2);
                o.RetryDelay = TimeSpan.FromHours(1); // no timer retry inside a test: refreshes happen when the test asks
            });
        });
        return (live, fake);
    }

    // The console's login: begin it at the keeper, follow the authorize URL as the browser would, hand back code and state.
    private static async Task<BrokerTokenHealth> LogInAsync(LiveLaneCluster live, FakeSaxoServer fake)
    {
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);
        var start = await keeper.BeginLoginAsync();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var redirect = await browser.GetAsync(start.AuthorizeUri);
        Assert.StartsWith(start.RedirectUri.ToString(), redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(redirect.Headers.Location!.Query);
        return await keeper.CompleteLoginAsync(query["code"]!, query["state"]!);
    }

    [Fact]
    public async Task A_hundred_concurrent_callers_cause_one_refresh_and_the_rotated_token_survives_a_deactivation()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_single_flight");
        await using var _ = live;
        await using var __ = fake;
        fake.Auth.AccessTokenLifetime = TimeSpan.FromSeconds(60); // inside the 2-minute margin: the next caller refreshes
        var login = await LogInAsync(live, fake);
        fake.Auth.AccessTokenLifetime = TimeSpan.FromMinutes(20);
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => keeper.GetAccessTokenAsync()));

        Assert.Equal("ok", login.State);
        Assert.Equal(1, fake.Auth.RefreshCalls);
        var token = Assert.Single(tokens.Distinct());
        Assert.True(fake.Auth.IsValidAccessToken(token));

        // A new activation loads the rotated refresh token (the fake refuses the used one) and refreshes with it.
        fake.Auth.AccessTokenLifetime = TimeSpan.FromSeconds(60);
        await keeper.RefreshNowAsync();
        await live.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var health = await keeper.RefreshNowAsync();
        Assert.Equal(("ok", 4L), (health.State, health.Refreshes)); // the login, the shared refresh and two asked for
        Assert.True(fake.Auth.IsValidAccessToken(await keeper.GetAccessTokenAsync()));
    }

    [Fact]
    public async Task A_login_completed_with_another_state_is_refused()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_state");
        await using var _ = live;
        await using var __ = fake;
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);
        await keeper.BeginLoginAsync();

        await Assert.ThrowsAsync<BrokerTokenUnavailableException>(() => keeper.CompleteLoginAsync("some-code", "forged-state"));
        Assert.Equal(("no-login", 0), ((await keeper.GetHealthAsync()).State, fake.Auth.CodeExchanges));
    }

    [Fact]
    public async Task Tokens_are_sealed_at_rest_and_the_published_access_token_opens_only_for_its_account()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_at_rest");
        await using var _ = live;
        await using var __ = fake;
        await LogInAsync(live, fake);
        var access = await live.Client.GetGrain<IBrokerTokenGrain>(Account).GetAccessTokenAsync();

        await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
        await using (var rows = dataSource.CreateCommand("SELECT payloadbinary FROM orleansstorage"))
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            var found = 0;
            while (await reader.ReadAsync())
            {
                var payload = reader.IsDBNull(0) ? [] : reader.GetFieldValue<byte[]>(0);
                Assert.DoesNotContain(access, Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
                found++;
            }

            Assert.NotEqual(0, found);
        }

        var published = await new BrokerAccessTokens(dataSource).ReadAsync(Account);
        var box = new SecretBox(Key);
        Assert.Equal(access, Encoding.UTF8.GetString(box.Open(published!.Value.Sealed, Account)));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => box.Open(published.Value.Sealed, "saxo:sim:OTHER"));
    }

    [Fact]
    public async Task A_revoked_refresh_token_means_login_required_with_an_alert_never_a_dead_token()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_revoked");
        await using var _ = live;
        await using var __ = fake;
        await LogInAsync(live, fake);
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);
        fake.Auth.RevokeRefreshTokens();

        var refused = await Assert.ThrowsAsync<BrokerTokenUnavailableException>(() => keeper.RefreshNowAsync());
        var again = await Assert.ThrowsAsync<BrokerTokenUnavailableException>(() => keeper.GetAccessTokenAsync());

        Assert.True(refused.LoginRequired && again.LoginRequired);
        Assert.Equal("login-required", (await keeper.GetHealthAsync()).State);
        Assert.Equal(1, await live.CountAsync($"SELECT count(*) FROM alerts WHERE source = 'token-keeper' AND subject = '{Account}' AND severity = 'critical'"));
        Assert.Equal(1, fake.Auth.RefreshCalls);
    }

    [Fact]
    public async Task A_token_rotated_but_lost_in_a_crash_before_persisting_is_reported_as_login_required()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_crash");
        await using var _ = live;
        await using var __ = fake;
        await LogInAsync(live, fake);
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);
        await using var dataSource = NpgsqlDataSource.Create(live.ConnectionString);
        await using var read = dataSource.CreateCommand("SELECT grainidhash, payloadbinary FROM orleansstorage WHERE payloadbinary IS NOT NULL");
        var saved = new List<(int Hash, byte[] Payload)>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                saved.Add((reader.GetInt32(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        // The fake rotates the refresh token; then the stored state goes back to before it, as if the silo died first.
        await keeper.RefreshNowAsync();
        await live.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        foreach (var (hash, payload) in saved)
        {
            await using var restore = dataSource.CreateCommand("UPDATE orleansstorage SET payloadbinary = $2 WHERE grainidhash = $1");
            restore.Parameters.Add(new NpgsqlParameter<int> { TypedValue = hash });
            restore.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
            await restore.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<BrokerTokenUnavailableException>(() => keeper.RefreshNowAsync());

        Assert.True(refused.LoginRequired);
        Assert.Equal("login-required", (await keeper.GetHealthAsync()).State);
    }

    [Fact]
    public async Task An_outage_keeps_the_valid_token_counts_failures_and_alerts_once_after_three()
    {
        var (live, fake) = await StartAsync(postgres, "tokens_outage");
        await using var _ = live;
        await using var __ = fake;
        fake.Auth.AccessTokenLifetime = TimeSpan.FromSeconds(90);
        await LogInAsync(live, fake);
        var keeper = live.Client.GetGrain<IBrokerTokenGrain>(Account);
        var before = await keeper.GetAccessTokenAsync(); // refreshed once: 90 s is inside the margin
        fake.Auth.FailNextTokenRequests(503, 4);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(before, await keeper.GetAccessTokenAsync()); // still valid for about 90 s: handed out while the endpoint is out
        }

        var health = await keeper.GetHealthAsync();
        Assert.Equal(("failing", 4), (health.State, health.ConsecutiveFailures));
        Assert.Contains("503", health.LastError, StringComparison.Ordinal);
        Assert.Equal(1, await live.CountAsync($"SELECT count(*) FROM alerts WHERE source = 'token-keeper' AND severity = 'warning'"));
        Assert.Equal(("ok", 0), ((await keeper.RefreshNowAsync()).State, (await keeper.GetHealthAsync()).ConsecutiveFailures));
    }
}

public sealed class SecretBoxTests
{
    [Fact]
    public void A_missing_key_file_is_created_for_its_owner_only_and_opens_what_it_sealed_after_a_reload()
    {
        var file = Path.Combine(Path.GetTempPath(), "aegis-key-" + Guid.NewGuid().ToString("N"), "secrets.key");

        var sealedValue = SecretBox.Load(file, createIfMissing: true).Seal("refresh-token"u8, "saxo:sim:A");
        var reopened = SecretBox.Load(file, createIfMissing: false).Open(sealedValue, "saxo:sim:A");

        Assert.Equal("refresh-token"u8.ToArray(), reopened);
        Assert.DoesNotContain("refresh-token", Encoding.UTF8.GetString(sealedValue), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void No_key_or_a_bad_one_is_a_clear_error_and_an_altered_value_does_not_open()
    {
        var missing = Path.Combine(Path.GetTempPath(), "aegis-key-" + Guid.NewGuid().ToString("N"));
        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, "not base64 at all!");

        Assert.Contains(SecretBox.KeyVariable, Assert.Throws<InvalidOperationException>(() => SecretBox.Load(missing, createIfMissing: false)).Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", Assert.Throws<InvalidOperationException>(() => SecretBox.Load(bad, createIfMissing: false)).Message, StringComparison.Ordinal);
        var box = new SecretBox(new byte[32]);
        var sealedValue = box.Seal("x"u8, "a");
        sealedValue[^1] ^= 1;
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => box.Open(sealedValue, "a"));
    }
}
