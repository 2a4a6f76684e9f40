namespace Aegis.Connectors.Saxo.Auth;

/// <summary>What a token response grants: an access token until <paramref name="AccessExpiresUtc"/>, and a refresh
/// token (rotated on every refresh) until <paramref name="RefreshExpiresUtc"/> when the server says so.</summary>
public sealed record OAuthTokens(string AccessToken, DateTimeOffset AccessExpiresUtc, string RefreshToken, DateTimeOffset? RefreshExpiresUtc)
{
    // Tokens are secrets: a record's generated ToString would print them into any log that formats one.
    public override string ToString() => $"OAuthTokens {{ access expires {AccessExpiresUtc:O}, refresh expires {RefreshExpiresUtc?.ToString("O") ?? "unknown"} }}";
}
