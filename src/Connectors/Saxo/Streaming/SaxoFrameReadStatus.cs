namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>What <see cref="SaxoFrame.TryRead"/> found at the start of a buffer.</summary>
public enum SaxoFrameReadStatus
{
    /// <summary>A whole message.</summary>
    Message,

    /// <summary>The start of a message; the rest is still to come.</summary>
    NeedMoreData,

    /// <summary>Bytes that cannot be a message.</summary>
    Malformed,
}
