namespace Aegis.Grains.Interfaces.Tokens;

/// <summary>No usable access token: a login is required (<see cref="LoginRequired"/>), or the broker's token
/// endpoint is out and the last token has expired.</summary>
[GenerateSerializer]
public sealed class BrokerTokenUnavailableException : Exception
{
    public BrokerTokenUnavailableException()
    {
    }

    public BrokerTokenUnavailableException(string message)
        : base(message)
    {
    }

    public BrokerTokenUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BrokerTokenUnavailableException(string message, bool loginRequired)
        : base(message) => LoginRequired = loginRequired;

    [Id(0)]
    public bool LoginRequired { get; init; }
}
