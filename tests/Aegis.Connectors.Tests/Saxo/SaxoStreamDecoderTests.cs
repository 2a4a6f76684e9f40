using System.Buffers;
using System.Text;
using Aegis.Connectors.Saxo.Streaming;

namespace Aegis.Connectors.Tests.Saxo;

public sealed class SaxoStreamDecoderTests
{
    private sealed record Read(ulong MessageId, string ReferenceId, SaxoPayloadFormat Format, byte[] Payload);

    private sealed class Collector : ISaxoMessageHandler
    {
        public List<Read> Messages { get; } = [];

        public void OnMessage(in SaxoStreamMessage message) =>
            Messages.Add(new Read(message.MessageId, message.ReferenceIdText, message.Format, message.Payload.ToArray()));
    }

    private struct Counter : ISaxoMessageHandler
    {
        public long Messages;
        public long PayloadBytes;

        public void OnMessage(in SaxoStreamMessage message)
        {
            Messages++;
            PayloadBytes += message.Payload.Length;
        }
    }

    private static Read RandomMessage(Random random, ulong id)
    {
        var idLength = random.Next(1, SaxoFrame.MaxReferenceIdLength + 1);
        var referenceId = new string(Enumerable.Range(0, idLength).Select(_ => (char)random.Next(0x20, 0x7F)).ToArray());
        var payload = new byte[random.Next(0, 2_000)];
        random.NextBytes(payload);
        return new Read(id, referenceId, random.Next(2) == 0 ? SaxoPayloadFormat.Json : SaxoPayloadFormat.Protobuf, payload);
    }

    private static byte[] Encode(IEnumerable<Read> messages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var m in messages)
        {
            SaxoFrame.Write(buffer, m.MessageId, m.ReferenceId, m.Format, m.Payload);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AssertSame(IReadOnlyList<Read> expected, IReadOnlyList<Read> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].MessageId, expected[i].ReferenceId, expected[i].Format), (actual[i].MessageId, actual[i].ReferenceId, actual[i].Format));
            Assert.Equal(expected[i].Payload, actual[i].Payload);
        }
    }

    [Fact]
    public void Reads_the_documented_layout_byte_for_byte()
    {
        // Message id 0x0102030405060708 (little-endian), two reserved bytes, reference id "IP_SPY" (6), JSON (0), 7 payload bytes.
        byte[] wire = [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0xAA, 0xBB, 6, .. "IP_SPY"u8, 0, 7, 0, 0, 0, .. "{\"a\":1}"u8];
        var collector = new Collector();

        Assert.True(new SaxoStreamDecoder().Feed(wire, endOfMessage: true, ref collector));

        var read = Assert.Single(collector.Messages);
        Assert.Equal((0x0102030405060708UL, "IP_SPY", SaxoPayloadFormat.Json, "{\"a\":1}"), (read.MessageId, read.ReferenceId, read.Format, Encoding.UTF8.GetString(read.Payload)));
        var written = new ArrayBufferWriter<byte>();
        SaxoFrame.Write(written, 0x0102030405060708UL, "IP_SPY", SaxoPayloadFormat.Json, "{\"a\":1}"u8);
        Assert.Equal(wire[..8].Concat(wire[10..]), written.WrittenSpan.ToArray()[..8].Concat(written.WrittenSpan.ToArray()[10..]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Round_trips_several_messages_per_websocket_message_however_the_reads_split_them(int seed)
    {
        var random = new Random(seed);
        var decoder = new SaxoStreamDecoder();
        var collector = new Collector();
        var expected = new List<Read>();
        ulong id = 0;
        for (var wsMessage = 0; wsMessage < 200; wsMessage++)
        {
            var messages = Enumerable.Range(0, random.Next(1, 8)).Select(_ => RandomMessage(random, ++id)).ToList();
            expected.AddRange(messages);
            var bytes = Encode(messages);
            var at = 0;
            while (at < bytes.Length)
            {
                // Reads of any size, down to one byte, cutting headers and payloads anywhere.
                var take = Math.Min(bytes.Length - at, random.Next(3) == 0 ? random.Next(1, 20) : random.Next(1, 3_000));
                Assert.True(decoder.Feed(bytes.AsSpan(at, take), at + take == bytes.Length, ref collector), $"fault {decoder.Fault}");
                at += take;
            }
        }

        AssertSame(expected, collector.Messages);
        Assert.Equal(expected.Count, decoder.Messages);
        Assert.Equal(id, decoder.LastMessageId);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu, SaxoFrameError.PayloadTooLarge)]
    [InlineData(64u * 1024 * 1024 + 1, SaxoFrameError.PayloadTooLarge)]
    public void An_absurd_payload_length_is_refused_from_the_header_alone(uint length, SaxoFrameError reason)
    {
        byte[] header = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'x', 0, .. BitConverter.GetBytes(length)];
        var collector = new Collector();
        var decoder = new SaxoStreamDecoder();

        Assert.False(decoder.Feed(header, endOfMessage: false, ref collector));

        Assert.Equal(reason, decoder.Fault);
        Assert.Equal(1, decoder.MalformedCount(reason));
    }

    [Theory]
    [InlineData(0, (byte)'a', 0, SaxoFrameError.EmptyReferenceId)]
    [InlineData(51, (byte)'a', 0, SaxoFrameError.ReferenceIdTooLong)]
    [InlineData(3, (byte)0x07, 0, SaxoFrameError.ReferenceIdNotAscii)]
    [InlineData(3, (byte)0xC3, 0, SaxoFrameError.ReferenceIdNotAscii)]
    [InlineData(3, (byte)'a', 2, SaxoFrameError.UnknownPayloadFormat)]
    public void A_bad_header_is_refused_with_its_reason(int idLength, byte idByte, byte format, SaxoFrameError reason)
    {
        byte[] wire = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)idLength, .. Enumerable.Repeat(idByte, idLength), format, 0, 0, 0, 0];
        var collector = new Collector();
        var decoder = new SaxoStreamDecoder();

        Assert.False(decoder.Feed(wire, endOfMessage: true, ref collector));

        Assert.Equal(reason, decoder.Fault);
        Assert.Empty(collector.Messages);
    }

    [Fact]
    public void A_websocket_message_that_ends_inside_a_message_is_truncated_and_the_good_ones_before_it_are_read()
    {
        var good = Encode([new Read(7, "IP_SPY", SaxoPayloadFormat.Json, "{}"u8.ToArray())]);
        var cut = Encode([new Read(8, "IP_SPY", SaxoPayloadFormat.Json, "{\"Quote\":{}}"u8.ToArray())])[..15];
        var collector = new Collector();
        var decoder = new SaxoStreamDecoder();

        Assert.False(decoder.Feed([.. good, .. cut], endOfMessage: true, ref collector));

        Assert.Equal(SaxoFrameError.Truncated, decoder.Fault);
        Assert.Single(collector.Messages);
        Assert.Equal(7UL, decoder.LastMessageId);

        // A stopped decoder reads nothing more until it is reset for the next connection.
        Assert.False(decoder.Feed(good, endOfMessage: true, ref collector));
        decoder.Reset();
        Assert.True(decoder.Feed(good, endOfMessage: true, ref collector));
        Assert.Equal(2, collector.Messages.Count);
    }

    [Fact]
    public void Control_messages_do_not_move_the_id_to_resume_from()
    {
        var wire = Encode([
            new Read(41, "IP_SPY", SaxoPayloadFormat.Json, "{}"u8.ToArray()),
            new Read(0, "_connectionheartbeat", SaxoPayloadFormat.Json, []),
            new Read(99, "_heartbeat", SaxoPayloadFormat.Json, "[]"u8.ToArray()),
        ]);
        var collector = new Collector();
        var decoder = new SaxoStreamDecoder();

        Assert.True(decoder.Feed(wire, endOfMessage: true, ref collector));

        Assert.Equal(3, collector.Messages.Count);
        Assert.Equal(41UL, decoder.LastMessageId);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_bytes_never_throw_they_are_read_or_refused_with_a_counted_reason(int seed)
    {
        var random = new Random(seed);
        var refused = 0;
        for (var round = 0; round < 2_000; round++)
        {
            var decoder = new SaxoStreamDecoder(maxPayloadLength: 1 << 20);
            var counter = new Counter();
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0 && bytes.Length > 11)
            {
                bytes[10] = (byte)random.Next(1, 20); // a plausible reference id length, so fuzzing goes past the first check
            }

            var ok = decoder.Feed(bytes, endOfMessage: true, ref counter);

            Assert.Equal(ok, decoder.Fault == SaxoFrameError.None);
            if (!ok)
            {
                refused++;
                Assert.Equal(1, Enum.GetValues<SaxoFrameError>().Sum(reason => decoder.MalformedCount(reason)));
            }
        }

        Assert.InRange(refused, 1_000, 2_000);
    }

    [Fact]
    public void Reading_a_stream_allocates_nothing_per_message()
    {
        var random = new Random(5);
        var wire = Encode(Enumerable.Range(1, 500).Select(i => RandomMessage(random, (ulong)i)));
        var decoder = new SaxoStreamDecoder();
        var counter = new Counter();
        Assert.True(decoder.Feed(wire, endOfMessage: true, ref counter)); // warm up: JIT and the first reads

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            decoder.Feed(wire, endOfMessage: true, ref counter);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(21 * 500, counter.Messages);
    }
}
