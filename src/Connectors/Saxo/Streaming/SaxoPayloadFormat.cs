namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>The payload format byte of a streaming message.</summary>
public enum SaxoPayloadFormat : byte
{
    /// <summary>UTF-8 JSON (control messages always are).</summary>
    Json = 0,

    /// <summary>Protocol Buffers, for subscriptions opened with <c>Format: application/x-protobuf</c>.</summary>
    Protobuf = 1,
}
