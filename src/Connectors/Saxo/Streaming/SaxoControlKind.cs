namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>The control channels of the stream (reference ids starting with '_').</summary>
public enum SaxoControlKind
{
    /// <summary>A control channel this client does not know; ignored.</summary>
    Unknown,

    /// <summary><c>_heartbeat</c>: subscriptions that are alive but have nothing new, or are disabled.</summary>
    Heartbeat,

    /// <summary><c>_resetsubscriptions</c>: recreate the listed subscriptions (all of them when none are listed).</summary>
    ResetSubscriptions,

    /// <summary><c>_disconnect</c>: the session ends; log in again before reconnecting.</summary>
    Disconnect,

    /// <summary><c>_reconnect</c>: reconnect the socket.</summary>
    Reconnect,

    /// <summary><c>_connectionheartbeat</c>: keep-alive of the socket itself.</summary>
    ConnectionHeartbeat,

    /// <summary><c>_probe</c>: diagnostics; ignored.</summary>
    Probe,
}
