namespace Aegis.FakeVenues.Saxo;

/// <summary>The application the fake knows and the lifetimes it grants (Saxo's: 20 minutes and 1 hour).</summary>
public sealed record FakeSaxoOptions
{
    public string AppKey { get; init; } = "fake-app";

    /// <summary>Empty for a PKCE application.</summary>
    public string AppSecret { get; init; } = "fake-secret";

    /// <summary>Redirect URIs must match one of these exactly; empty accepts any loopback URI.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(20);

    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
