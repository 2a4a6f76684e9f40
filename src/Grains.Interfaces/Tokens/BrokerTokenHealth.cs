namespace Aegis.Grains.Interfaces.Tokens;

/// <summary>What can be said about a broker account's session without showing a secret.</summary>
[GenerateSerializer, Immutable]
public sealed record BrokerTokenHealth(
    [property: Id(0)] string Account,
    [property: Id(1)] bool HasTokens,
    [property: Id(2)] bool LoginRequired,
    [property: Id(3)] DateTimeOffset? AccessExpiresUtc,
    [property: Id(4)] DateTimeOffset? RefreshExpiresUtc,
    [property: Id(5)] DateTimeOffset? LastRefreshUtc,
    [property: Id(6)] int ConsecutiveFailures,
    [property: Id(7)] string? LastError,
    [property: Id(8)] long Refreshes)
{
    /// <summary>One word for lists: <c>ok</c>, <c>failing</c>, <c>login-required</c> or <c>no-login</c>.</summary>
    public string State => !HasTokens ? "no-login" : LoginRequired ? "login-required" : ConsecutiveFailures > 0 ? "failing" : "ok";
}
