using Aegis.Connectors.Saxo.Auth;

namespace Aegis.Grains.Tokens;

/// <summary>The broker accounts this cluster keeps sessions for (section <c>Aegis:Brokers</c>).</summary>
public sealed class BrokerAccountsOptions
{
    public const string Section = "Aegis:Brokers";

    /// <summary>Saxo applications by account key (<c>saxo:sim:ACCOUNT</c>, <c>saxo:live:ACCOUNT</c>).</summary>
    public Dictionary<string, SaxoAuthOptions> Saxo { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How long before the access token expires it is refreshed.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The base of the backoff after a failed refresh (doubled per failure, at most <see cref="MaxRetryDelay"/>),
    /// unless the server said how long to wait.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Consecutive failed refreshes that raise an alert.</summary>
    public int AlertAfterFailures { get; set; } = 3;
}
