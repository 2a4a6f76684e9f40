namespace Aegis.Grains.Interfaces.Tokens;

/// <summary>Where to send the user to log in, and the redirect URI the authorization code comes back to.</summary>
[GenerateSerializer, Immutable]
public sealed record BrokerLoginStart([property: Id(0)] Uri AuthorizeUri, [property: Id(1)] Uri RedirectUri);
