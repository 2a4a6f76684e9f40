using System.Text;

namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>
/// One message of Saxo's binary WebSocket stream, read in place: the spans point into the receive buffer and are
/// valid only while the handler runs. Nothing is allocated to read one.
/// </summary>
public readonly ref struct SaxoStreamMessage
{
    public SaxoStreamMessage(ulong messageId, ReadOnlySpan<byte> referenceId, SaxoPayloadFormat format, ReadOnlySpan<byte> payload)
    {
        MessageId = messageId;
        ReferenceId = referenceId;
        Format = format;
        Payload = payload;
    }

    /// <summary>Opaque id the stream resumes from after a reconnect (<c>messageid=</c>).</summary>
    public ulong MessageId { get; }

    /// <summary>The subscription's reference id in ASCII, or a control channel starting with <c>_</c>.</summary>
    public ReadOnlySpan<byte> ReferenceId { get; }

    public SaxoPayloadFormat Format { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Control messages (<c>_heartbeat</c>, <c>_resetsubscriptions</c>, <c>_disconnect</c>…) have reference ids starting with '_'.</summary>
    public bool IsControl => ReferenceId.Length > 0 && ReferenceId[0] == (byte)'_';

    /// <summary>Compares the reference id with <paramref name="referenceId"/> without allocating.</summary>
    public bool HasReferenceId(string referenceId)
    {
        ArgumentNullException.ThrowIfNull(referenceId);
        if (referenceId.Length != ReferenceId.Length)
        {
            return false;
        }

        for (var i = 0; i < referenceId.Length; i++)
        {
            if (referenceId[i] != ReferenceId[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The reference id as a string (allocates: for logs and rare paths).</summary>
    public string ReferenceIdText => Encoding.ASCII.GetString(ReferenceId);
}
