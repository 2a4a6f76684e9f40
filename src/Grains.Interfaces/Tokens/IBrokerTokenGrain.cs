namespace Aegis.Grains.Interfaces.Tokens;

/// <summary>
/// The token keeper of one broker account, keyed <c>saxo:sim:ACCOUNT</c> or <c>saxo:live:ACCOUNT</c> (SIM and LIVE are
/// separate accounts). It keeps the account's session alive without a human: refreshes ahead of expiry, persists the
/// rotated refresh token before anyone gets the new access token, and says when only a new login can help.
/// Only the live lane has this grain; other lanes read the access token from <c>broker_access_tokens</c>.
/// </summary>
public interface IBrokerTokenGrain : IGrainWithStringKey
{
    /// <summary>Completes a login: exchanges the authorization code (with the PKCE verifier when the login used one).</summary>
    Task<BrokerTokenHealth> CompleteLoginAsync(string code, string? codeVerifier);

    /// <summary>A usable access token, refreshed first when it is within the margin of expiry. Concurrent callers share one refresh.</summary>
    /// <exception cref="BrokerTokenUnavailableException">A login is required, or the token endpoint is out and the token expired.</exception>
    Task<string> GetAccessTokenAsync();

    /// <summary>Refreshes now (an operator's request).</summary>
    Task<BrokerTokenHealth> RefreshNowAsync();

    /// <summary>Expiries, last refresh, failures and whether a login is required; never a secret.</summary>
    Task<BrokerTokenHealth> GetHealthAsync();
}
