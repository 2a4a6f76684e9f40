using System.Buffers;
using System.Buffers.Binary;

namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>
/// The byte layout of one message of Saxo's plain-WebSocket stream, as documented for OpenAPI streaming and read by
/// Saxo's own client: message id (uint64, little-endian), two reserved bytes, the reference id's length (one byte)
/// and its ASCII bytes, the payload format (one byte), the payload size (uint32, little-endian), then the payload.
/// A WebSocket message carries one or more of these back to back.
/// </summary>
public static class SaxoFrame
{
    /// <summary>Bytes of a message before its payload, not counting the reference id.</summary>
    public const int FixedHeaderLength = 8 + 2 + 1 + 1 + 4;

    /// <summary>Saxo documents reference ids of at most 50 characters.</summary>
    public const int MaxReferenceIdLength = 50;

    /// <summary>The default largest payload accepted: far above any snapshot, far below what a corrupt length claims.</summary>
    public const int DefaultMaxPayloadLength = 64 * 1024 * 1024;

    /// <summary>
    /// Reads the message at the start of <paramref name="buffer"/>. Returns <see cref="SaxoFrameReadStatus.Message"/>
    /// with the message and the bytes it took; <see cref="SaxoFrameReadStatus.NeedMoreData"/> when the buffer ends
    /// inside it; <see cref="SaxoFrameReadStatus.Malformed"/> with the reason when the bytes cannot be a message
    /// (checked as soon as the bytes that show it are there).
    /// </summary>
    public static SaxoFrameReadStatus TryRead(ReadOnlySpan<byte> buffer, int maxPayloadLength, out SaxoStreamMessage message, out int consumed, out SaxoFrameError error)
    {
        message = default;
        consumed = 0;
        error = SaxoFrameError.None;
        if (buffer.Length < 11)
        {
            return SaxoFrameReadStatus.NeedMoreData;
        }

        int idLength = buffer[10];
        if (idLength == 0 || idLength > MaxReferenceIdLength)
        {
            error = idLength == 0 ? SaxoFrameError.EmptyReferenceId : SaxoFrameError.ReferenceIdTooLong;
            return SaxoFrameReadStatus.Malformed;
        }

        var available = Math.Min(idLength, buffer.Length - 11);
        var referenceId = buffer.Slice(11, available);
        if (referenceId.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
        {
            error = SaxoFrameError.ReferenceIdNotAscii;
            return SaxoFrameReadStatus.Malformed;
        }

        var headerLength = FixedHeaderLength + idLength;
        if (buffer.Length < 12 + idLength)
        {
            return SaxoFrameReadStatus.NeedMoreData;
        }

        var format = buffer[11 + idLength];
        if (format > (byte)SaxoPayloadFormat.Protobuf)
        {
            error = SaxoFrameError.UnknownPayloadFormat;
            return SaxoFrameReadStatus.Malformed;
        }

        if (buffer.Length < headerLength)
        {
            return SaxoFrameReadStatus.NeedMoreData;
        }

        var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(12 + idLength, 4));
        if (payloadLength > (uint)maxPayloadLength)
        {
            error = SaxoFrameError.PayloadTooLarge;
            return SaxoFrameReadStatus.Malformed;
        }

        if (buffer.Length - headerLength < payloadLength)
        {
            return SaxoFrameReadStatus.NeedMoreData;
        }

        message = new SaxoStreamMessage(
            BinaryPrimitives.ReadUInt64LittleEndian(buffer),
            buffer.Slice(11, idLength),
            (SaxoPayloadFormat)format,
            buffer.Slice(headerLength, (int)payloadLength));
        consumed = headerLength + (int)payloadLength;
        return SaxoFrameReadStatus.Message;
    }

    /// <summary>Writes one message (the fake server and tests write the stream; the connector only reads it).</summary>
    /// <exception cref="ArgumentException">The reference id is empty, longer than 50 characters or not printable ASCII.</exception>
    public static void Write(IBufferWriter<byte> output, ulong messageId, string referenceId, SaxoPayloadFormat format, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(referenceId);
        if (referenceId.Length > MaxReferenceIdLength || referenceId.AsSpan().IndexOfAnyExceptInRange((char)0x20, (char)0x7E) >= 0)
        {
            throw new ArgumentException($"a reference id is 1 to {MaxReferenceIdLength} printable ASCII characters: '{referenceId}'", nameof(referenceId));
        }

        var length = FixedHeaderLength + referenceId.Length + payload.Length;
        var span = output.GetSpan(length);
        BinaryPrimitives.WriteUInt64LittleEndian(span, messageId);
        span[8] = 0;
        span[9] = 0;
        span[10] = (byte)referenceId.Length;
        for (var i = 0; i < referenceId.Length; i++)
        {
            span[11 + i] = (byte)referenceId[i];
        }

        span[11 + referenceId.Length] = (byte)format;
        BinaryPrimitives.WriteUInt32LittleEndian(span[(12 + referenceId.Length)..], (uint)payload.Length);
        payload.CopyTo(span[(FixedHeaderLength + referenceId.Length)..]);
        output.Advance(length);
    }
}
