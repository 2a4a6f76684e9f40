namespace Aegis.Grains.Interfaces.Tokens;

/// <summary>
/// The token keeper of one broker account, keyed <c>saxo:sim:ACCOUNT</c> or <c>saxo:live:ACCOUNT</c> (SIM and LIVE are
/// separate accounts). It keeps the account's session alive without a human: refreshes ahead of expiry, persists the
/// rotated refresh token before anyone gets the new access token, and says when only a new login can help.
/// Only the live lane has this grain; other lanes read the access token from <c>broker_access_tokens</c>.
/// </summary>
public interface IBrokerTokenGrain : IGrainWithStringKey
{
    /// <summary>Starts a login: the URL where the user logs in, and the redirect URI the code comes back to. The keeper
    /// keeps the login's state and PKCE verifier; they never leave it.</summary>
    Task<BrokerLoginStart> BeginLoginAsync();

    /// <summary>Completes the login begun last: checks <paramref name="state"/> and exchanges the code.</summary>
    /// <exception cref="BrokerTokenUnavailableException">No login was begun, the state does not match, or the code was refused.</exception>
    Task<BrokerTokenHealth> CompleteLoginAsync(string code, string state);

    /// <summary>A usable access token, refreshed first when it is within the margin of expiry. Concurrent callers share one refresh.</summary>
    /// <exception cref="BrokerTokenUnavailableException">A login is required, or the token endpoint is out and the token expired.</exception>
    Task<string> GetAccessTokenAsync();

    /// <summary>Refreshes now (an operator's request).</summary>
    Task<BrokerTokenHealth> RefreshNowAsync();

    /// <summary>Expiries, last refresh, failures and whether a login is required; never a secret.</summary>
    Task<BrokerTokenHealth> GetHealthAsync();
}
