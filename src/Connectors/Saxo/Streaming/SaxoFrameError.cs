namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>Why bytes on the stream are not a streaming message. The stream cannot be resynchronised after one:
/// the connection is dropped and resumed from the last good message id.</summary>
public enum SaxoFrameError
{
    None,

    /// <summary>A reference id of length 0: every message names its subscription or control channel.</summary>
    EmptyReferenceId,

    /// <summary>A reference id longer than <see cref="SaxoFrame.MaxReferenceIdLength"/> characters.</summary>
    ReferenceIdTooLong,

    /// <summary>A reference id byte outside printable ASCII.</summary>
    ReferenceIdNotAscii,

    /// <summary>A payload format other than JSON (0) or Protobuf (1).</summary>
    UnknownPayloadFormat,

    /// <summary>A payload size above the decoder's limit.</summary>
    PayloadTooLarge,

    /// <summary>The WebSocket message ended inside a streaming message.</summary>
    Truncated,
}
