namespace Aegis.Grains.Tokens;

/// <summary>A broker account's session as stored: the tokens sealed (<see cref="Security.SecretBox"/>, bound to the
/// account key), and the health beside them in clear, since it holds no secret.</summary>
[GenerateSerializer]
public sealed class BrokerTokenState
{
    /// <summary>JSON of <see cref="SessionTokens"/>, sealed; null before the first login.</summary>
    [Id(0)]
    public byte[]? SealedTokens { get; set; }

    [Id(1)]
    public DateTimeOffset? AccessExpiresUtc { get; set; }

    [Id(2)]
    public DateTimeOffset? RefreshExpiresUtc { get; set; }

    [Id(3)]
    public DateTimeOffset? LastRefreshUtc { get; set; }

    [Id(4)]
    public int ConsecutiveFailures { get; set; }

    [Id(5)]
    public string? LastError { get; set; }

    [Id(6)]
    public bool LoginRequired { get; set; }

    [Id(7)]
    public long Refreshes { get; set; }
}
