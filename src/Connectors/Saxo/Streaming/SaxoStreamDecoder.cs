namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>
/// Reads the messages of one streaming connection from the bytes its WebSocket receives, however the reads split
/// them: whole messages are read in place from the received chunk; only a message cut by the end of a read is copied,
/// into a buffer this decoder keeps and reuses. Once bytes turn out malformed the decoder stops (the connection's
/// position is lost) and says why; the connection is then dropped, resumed from <see cref="LastMessageId"/>, and the
/// decoder <see cref="Reset"/>. Not thread-safe: one decoder per connection.
/// </summary>
public sealed class SaxoStreamDecoder(int maxPayloadLength = SaxoFrame.DefaultMaxPayloadLength)
{
    private readonly long[] _malformed = new long[Enum.GetValues<SaxoFrameError>().Length];
    private byte[] _pending = new byte[4096];
    private int _pendingLength;

    /// <summary>Messages read since the decoder was made.</summary>
    public long Messages { get; private set; }

    /// <summary>Bytes received since the decoder was made.</summary>
    public long Bytes { get; private set; }

    /// <summary>The id of the last message that was not a control message, to resume from; null before the first.</summary>
    public ulong? LastMessageId { get; private set; }

    /// <summary>Why the decoder stopped; <see cref="SaxoFrameError.None"/> while it reads.</summary>
    public SaxoFrameError Fault { get; private set; }

    /// <summary>How many connections ended on bytes malformed for <paramref name="reason"/>.</summary>
    public long MalformedCount(SaxoFrameError reason) => _malformed[(int)reason];

    /// <summary>Forgets a partial message and a fault, for a new connection; counters and the last message id stay.</summary>
    public void Reset()
    {
        _pendingLength = 0;
        Fault = SaxoFrameError.None;
    }

    /// <summary>
    /// Reads the messages completed by <paramref name="chunk"/>, the next bytes of the WebSocket message being received
    /// (<paramref name="endOfMessage"/> on its last read), and hands each to <paramref name="handler"/>. Returns false
    /// when the bytes are malformed (<see cref="Fault"/> says how); nothing after the fault is read.
    /// </summary>
    public bool Feed<THandler>(ReadOnlySpan<byte> chunk, bool endOfMessage, ref THandler handler)
        where THandler : ISaxoMessageHandler
    {
        if (Fault != SaxoFrameError.None)
        {
            return false;
        }

        Bytes += chunk.Length;
        if (_pendingLength > 0)
        {
            Append(chunk);
            var used = ReadAll(_pending.AsSpan(0, _pendingLength), ref handler);
            if (used < 0)
            {
                return false;
            }

            _pending.AsSpan(used, _pendingLength - used).CopyTo(_pending);
            _pendingLength -= used;
        }
        else
        {
            var used = ReadAll(chunk, ref handler);
            if (used < 0)
            {
                return false;
            }

            Append(chunk[used..]);
        }

        if (endOfMessage && _pendingLength > 0)
        {
            // Saxo never splits a message over two WebSocket messages.
            return Stop(SaxoFrameError.Truncated);
        }

        return true;
    }

    // Reads whole messages from the start of buffer; returns the bytes they took, or −1 on malformed bytes.
    private int ReadAll<THandler>(ReadOnlySpan<byte> buffer, ref THandler handler)
        where THandler : ISaxoMessageHandler
    {
        var at = 0;
        while (at < buffer.Length)
        {
            switch (SaxoFrame.TryRead(buffer[at..], maxPayloadLength, out var message, out var consumed, out var error))
            {
                case SaxoFrameReadStatus.Message:
                    Messages++;
                    if (!message.IsControl)
                    {
                        LastMessageId = message.MessageId;
                    }

                    handler.OnMessage(message);
                    at += consumed;
                    break;
                case SaxoFrameReadStatus.NeedMoreData:
                    return at;
                default:
                    Stop(error);
                    return -1;
            }
        }

        return at;
    }

    private bool Stop(SaxoFrameError reason)
    {
        Fault = reason;
        _malformed[(int)reason]++;
        _pendingLength = 0;
        return false;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_pendingLength + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + bytes.Length));
        }

        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += bytes.Length;
    }
}
