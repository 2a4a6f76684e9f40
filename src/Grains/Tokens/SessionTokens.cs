namespace Aegis.Grains.Tokens;

/// <summary>The secrets of a session, only ever stored sealed. The PKCE verifier stays with them: Saxo's PKCE
/// applications send it on every refresh.</summary>
internal sealed record SessionTokens(string AccessToken, string RefreshToken, string? CodeVerifier)
{
    public override string ToString() => "SessionTokens { … }";
}
