using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Aegis.Connectors.Saxo.Auth;

/// <summary>
/// Saxo's OAuth authorization-code flow, with or without PKCE: the authorize URL, the code exchange and the refresh
/// (which rotates the refresh token). A confidential application authenticates with HTTP Basic; a PKCE one sends its
/// client id and code verifier. Any 2xx is success (Saxo answers a code exchange with 201).
/// </summary>
public sealed class SaxoTokenClient(HttpClient http, SaxoAuthOptions options, TimeProvider time)
{
    /// <summary>Where the user logs in; the redirect brings back <c>code</c> and <paramref name="state"/>.</summary>
    public Uri AuthorizeUri(string state, Pkce? pkce)
    {
        var query = new StringBuilder("response_type=code")
            .Append("&client_id=").Append(Uri.EscapeDataString(options.AppKey))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(options.RedirectUri.ToString()))
            .Append("&state=").Append(Uri.EscapeDataString(state));
        if (pkce is not null)
        {
            query.Append("&code_challenge=").Append(pkce.Challenge).Append("&code_challenge_method=S256");
        }

        return new UriBuilder(options.AuthorizeUri) { Query = query.ToString() }.Uri;
    }

    /// <exception cref="SaxoTokenRejectedException">The code is invalid, used or expired.</exception>
    /// <exception cref="SaxoTokenEndpointException">The endpoint cannot answer now.</exception>
    public Task<OAuthTokens> ExchangeCodeAsync(string code, string? codeVerifier, CancellationToken cancellationToken) =>
        RequestAsync(
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", options.RedirectUri.ToString())],
            codeVerifier, cancellationToken);

    /// <exception cref="SaxoTokenRejectedException">The refresh token is expired, revoked or already used: a new login is needed.</exception>
    /// <exception cref="SaxoTokenEndpointException">The endpoint cannot answer now.</exception>
    public Task<OAuthTokens> RefreshAsync(string refreshToken, string? codeVerifier, CancellationToken cancellationToken) =>
        RequestAsync(
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken), new("redirect_uri", options.RedirectUri.ToString())],
            codeVerifier, cancellationToken);

    private async Task<OAuthTokens> RequestAsync(List<KeyValuePair<string, string>> form, string? codeVerifier, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenUri);
        if (options.AppSecret.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AppKey}:{options.AppSecret}")));
        }
        else
        {
            form.Add(new("client_id", options.AppKey));
        }

        if (codeVerifier is not null)
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        request.Content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SaxoTokenEndpointException($"the token endpoint {options.TokenUri} is unreachable: {ex.Message}", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SaxoTokenEndpointException($"the token endpoint {options.TokenUri} did not answer in time", null, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Parse(body);
            }

            var reason = $"the token endpoint answered {(int)response.StatusCode} {OAuthError(body)}";
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                throw new SaxoTokenRejectedException(reason);
            }

            throw new SaxoTokenEndpointException(reason, RetryAfter(response));
        }
    }

    private OAuthTokens Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var now = time.GetUtcNow();
            var access = root.GetProperty("access_token").GetString();
            var refresh = root.GetProperty("refresh_token").GetString();
            if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(refresh))
            {
                throw new SaxoTokenEndpointException("the token response has an empty access_token or refresh_token");
            }

            var expiresIn = root.GetProperty("expires_in").GetInt64();
            DateTimeOffset? refreshExpires = root.TryGetProperty("refresh_token_expires_in", out var refreshIn) && refreshIn.ValueKind == JsonValueKind.Number
                ? now.AddSeconds(refreshIn.GetInt64())
                : null;
            return new OAuthTokens(access, now.AddSeconds(expiresIn), refresh, refreshExpires);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Never echo the body: it may hold tokens.
            throw new SaxoTokenEndpointException($"the token response is not the JSON expected ({ex.GetType().Name})", null, ex);
        }
    }

    // The OAuth error and its description, never anything else of the body.
    private static string OAuthError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            var description = root.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            return error is null ? "(no OAuth error)" : description is null ? error : $"{error}: {description}";
        }
        catch (JsonException)
        {
            return "(no JSON body)";
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
