using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aegis.FakeVenues.Saxo;

/// <summary>
/// Saxo's OAuth endpoints as documented: <c>GET /authorize</c> (the user "logs in" at once and is redirected back with
/// a code), <c>POST /token</c> for the code exchange (answered 201, as Saxo does) and the refresh, which rotates the
/// refresh token strictly: a used one is refused with <c>invalid_grant</c>. Client authentication by HTTP Basic, form
/// fields, or PKCE. Faults: revoke every refresh token, refuse the next requests with a status (429 with
/// Retry-After, 5xx), or answer slowly.
/// </summary>
public sealed class FakeSaxoAuth(FakeSaxoOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly Lock _faultLock = new();
    private (int Status, int Remaining, TimeSpan? RetryAfter) _failing;
    private int _refreshes;
    private int _exchanges;

    /// <summary>Refresh requests answered (successfully or not).</summary>
    public int RefreshCalls => Volatile.Read(ref _refreshes);

    /// <summary>Code exchanges answered.</summary>
    public int CodeExchanges => Volatile.Read(ref _exchanges);

    /// <summary>The lifetime of the access tokens issued from now on.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = options.AccessTokenLifetime;

    /// <summary>Delay before every token answer (a slow endpoint).</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>True when <paramref name="accessToken"/> was issued here and has not expired.</summary>
    public bool IsValidAccessToken(string accessToken) =>
        _accessTokens.TryGetValue(accessToken, out var expires) && expires > time.GetUtcNow();

    /// <summary>Every refresh token stops working (the user signed out everywhere).</summary>
    public void RevokeRefreshTokens() => _refreshTokens.Clear();

    /// <summary>The next <paramref name="count"/> token requests get <paramref name="status"/> (with Retry-After when given).</summary>
    public void FailNextTokenRequests(int status, int count, TimeSpan? retryAfter = null)
    {
        lock (_faultLock)
        {
            _failing = (status, count, retryAfter);
        }
    }

    /// <summary>Issues a grant directly, as if the user had logged in: what tests use to seed a keeper.</summary>
    public (string AccessToken, string RefreshToken) IssueGrant() => Issue(Pkce: null);

    public IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["response_type"] != "code" || query["client_id"] != options.AppKey || !RedirectAllowed(redirect))
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "unknown client or redirect_uri" });
        }

        var code = Random();
        var challenge = query["code_challenge"].ToString();
        _codes[code] = new PendingCode(redirect, challenge.Length > 0 ? challenge : null, time.GetUtcNow().AddMinutes(5));
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    public async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (TokenDelay > TimeSpan.Zero)
        {
            await Task.Delay(TokenDelay, time);
        }

        var form = await request.ReadFormAsync();
        var grantType = form["grant_type"].ToString();
        if (grantType == "refresh_token")
        {
            Interlocked.Increment(ref _refreshes);
        }
        else
        {
            Interlocked.Increment(ref _exchanges);
        }

        lock (_faultLock)
        {
            if (_failing.Remaining > 0)
            {
                _failing.Remaining--;
                if (_failing.RetryAfter is { } wait)
                {
                    request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Results.Json(new { error = "temporarily_unavailable" }, statusCode: _failing.Status);
            }
        }

        var verifier = form["code_verifier"].ToString();
        if (!ClientAuthenticated(request, form, verifier))
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        switch (grantType)
        {
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var pending) || pending.ExpiresUtc < time.GetUtcNow()
                    || pending.RedirectUri != form["redirect_uri"].ToString()
                    || (pending.Challenge is not null && Challenge(verifier) != pending.Challenge))
                {
                    return Results.BadRequest(new { error = "invalid_grant", error_description = "unknown, used or expired code" });
                }

                return Granted(Issue(pending.Challenge is null ? null : verifier), StatusCodes.Status201Created);
            case "refresh_token":
                if (!_refreshTokens.TryRemove(form["refresh_token"].ToString(), out var grant) || grant.ExpiresUtc < time.GetUtcNow()
                    || (grant.Pkce is not null && verifier != grant.Pkce))
                {
                    return Results.BadRequest(new { error = "invalid_grant", error_description = "unknown, used, revoked or expired refresh token" });
                }

                return Granted(Issue(grant.Pkce), StatusCodes.Status200OK);
            default:
                return Results.BadRequest(new { error = "unsupported_grant_type" });
        }
    }

    private IResult Granted((string AccessToken, string RefreshToken) tokens, int status) =>
        Results.Json(new Dictionary<string, object?>
        {
            ["access_token"] = tokens.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)AccessTokenLifetime.TotalSeconds,
            ["refresh_token"] = tokens.RefreshToken,
            ["refresh_token_expires_in"] = (long)options.RefreshTokenLifetime.TotalSeconds,
            ["base_uri"] = null,
        }, statusCode: status);

    private (string AccessToken, string RefreshToken) Issue(string? Pkce)
    {
        var now = time.GetUtcNow();
        var access = Jwt(now + AccessTokenLifetime);
        var refresh = Random();
        _accessTokens[access] = now + AccessTokenLifetime;
        _refreshTokens[refresh] = new Grant(now + options.RefreshTokenLifetime, Pkce);
        return (access, refresh);
    }

    private bool ClientAuthenticated(HttpRequest request, IFormCollection form, string verifier)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
            return pair == $"{options.AppKey}:{options.AppSecret}";
        }

        if (form["client_id"] != options.AppKey)
        {
            return false;
        }

        // Form fields: the secret of a confidential application, or the code verifier of a PKCE one.
        return form["client_secret"] == options.AppSecret || verifier.Length > 0;
    }

    private bool RedirectAllowed(string redirect) =>
        options.RedirectUris.Count == 0
            ? Uri.TryCreate(redirect, UriKind.Absolute, out var uri) && uri.IsLoopback
            : options.RedirectUris.Contains(redirect, StringComparer.Ordinal);

    // A JWT-shaped token (Saxo's are ES256 JWTs) whose exp claim a client may read; the signature is not checked by anyone.
    private static string Jwt(DateTimeOffset expires)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part(new { alg = "ES256", typ = "JWT" })}.{Part(new { exp = expires.ToUnixTimeSeconds(), jti = Random() })}.{Random()}";
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Random() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private sealed record PendingCode(string RedirectUri, string? Challenge, DateTimeOffset ExpiresUtc);

    private sealed record Grant(DateTimeOffset ExpiresUtc, string? Pkce);
}
