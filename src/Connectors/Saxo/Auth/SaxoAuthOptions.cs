namespace Aegis.Connectors.Saxo.Auth;

/// <summary>
/// One Saxo application's OAuth settings. Hosts and paths are configuration: Saxo moves them (SIM and LIVE have
/// their own), and tests point them at the fake. Defaults are today's SIM values.
/// </summary>
public sealed record SaxoAuthOptions
{
    public Uri AuthorizeUri { get; init; } = new("https://sim.logonvalidation.net/authorize");

    public Uri TokenUri { get; init; } = new("https://sim.logonvalidation.net/token");

    /// <summary>The application's key (OAuth client id).</summary>
    public string AppKey { get; init; } = string.Empty;

    /// <summary>The application's secret; empty for a PKCE application, which proves itself with the code verifier instead.</summary>
    public string AppSecret { get; init; } = string.Empty;

    /// <summary>Use PKCE in the login (Saxo's PKCE applications require it; confidential ones may use it too). Default: when there is no secret.</summary>
    public bool? UsePkce { get; init; }

    /// <summary>The redirect URI registered for the application (AppUrl); a loopback URL for the console's login.</summary>
    public Uri RedirectUri { get; init; } = new("http://localhost:53682/callback");
}
