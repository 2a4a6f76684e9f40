namespace Aegis.Connectors.Saxo.Auth;

/// <summary>The token endpoint could not answer now (rate limit, server error, unreachable): retry, after
/// <see cref="RetryAfter"/> when the server said how long.</summary>
public sealed class SaxoTokenEndpointException(string message, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
