using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Connectors.Saxo.Streaming;

namespace Aegis.Benchmarks.Connectors;

/// <summary>
/// <c>saxo-frames</c>: the streaming decoder over WebSocket messages of Saxo InfoPrice deltas (JSON payloads of
/// 120–260 bytes, --per-message of them per WebSocket message), in messages/s and GB/s per core, next to a plain
/// copy of the same bytes in the same run; and the bytes the decoder allocated while reading them.
/// </summary>
public static class SaxoFrameDecode
{
    private const int WarmUpPasses = 3;

    public static Task RunAsync(BenchArgs args)
    {
        var seconds = args.Double("seconds", 5);
        var perMessage = args.Int("per-message", 20);
        var socketMessages = args.Int("socket-messages", 5_000);
        args.EnsureAllUsed();

        var random = new Random(3);
        var frames = new List<byte[]>(socketMessages);
        ulong id = 0;
        for (var i = 0; i < socketMessages; i++)
        {
            var writer = new ArrayBufferWriter<byte>();
            for (var m = 0; m < perMessage; m++)
            {
                var uic = random.Next(1, 60_000);
                var bid = 100 + (random.Next(0, 1_000_000) / 10_000m);
                var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $$$"""[{"Uic":{{{uic}}},"LastUpdated":"2026-12-02T14:31:{{{random.Next(10, 59)}}}.{{{random.Next(100, 999)}}}Z","Quote":{"Bid":{{{bid}}},"Ask":{{{bid + 0.01m}}},"BidSize":{{{random.Next(1, 9_000)}}},"AskSize":{{{random.Next(1, 9_000)}}}}}]"""));
                SaxoFrame.Write(writer, ++id, $"IP_{uic % 40}", SaxoPayloadFormat.Json, payload);
            }

            frames.Add(writer.WrittenSpan.ToArray());
        }

        var bytesPerPass = frames.Sum(f => (long)f.Length);
        BenchReport.Line($"{socketMessages:N0} WebSocket messages of {perMessage} Saxo messages, {bytesPerPass:N0} bytes ({bytesPerPass / (double)id:F0} per message)");

        var decoder = new SaxoStreamDecoder();
        var counter = new Counter();
        var (decodePasses, decodeCpu, allocated) = Loop(seconds, () =>
        {
            foreach (var frame in frames)
            {
                decoder.Feed(frame, endOfMessage: true, ref counter);
            }
        });
        var copyTarget = new byte[frames.Max(f => f.Length)];
        var (copyPasses, copyCpu, _) = Loop(seconds, () =>
        {
            foreach (var frame in frames)
            {
                frame.AsSpan().CopyTo(copyTarget);
            }
        });

        if (decoder.Fault != SaxoFrameError.None || counter.Messages != (decodePasses + WarmUpPasses) * (long)id)
        {
            throw new InvalidOperationException($"the decoder read {counter.Messages:N0} messages of {(decodePasses + WarmUpPasses) * (long)id:N0} ({decoder.Fault})");
        }

        var decodeGb = decodePasses * bytesPerPass / decodeCpu / 1e9;
        var copyGb = copyPasses * bytesPerPass / copyCpu / 1e9;
        var messagesPerSecond = decodePasses * (double)id / decodeCpu;
        BenchReport.Line($"decode: {messagesPerSecond:N0} messages/s, {decodeGb:F2} GB/s per core; plain copy of the same bytes: {copyGb:F2} GB/s; " +
            $"allocated while decoding: {allocated:N0} bytes");
        BenchReport.Result("saxo-frames", new Dictionary<string, object?>
        {
            ["messagesPerCoreSecond"] = BenchReport.Round(messagesPerSecond),
            ["decodeGigabytesPerCoreSecond"] = BenchReport.Round(decodeGb, 2),
            ["copyGigabytesPerCoreSecond"] = BenchReport.Round(copyGb, 2),
            ["bytesPerMessage"] = BenchReport.Round(bytesPerPass / (double)id),
            ["allocatedBytesWhileDecoding"] = allocated,
        });
        return Task.CompletedTask;
    }

    // Runs pass for about the given seconds after a warm-up; returns the passes, their CPU seconds and the bytes allocated.
    private static (long Passes, double CpuSeconds, long Allocated) Loop(double seconds, Action pass)
    {
        for (var i = 0; i < WarmUpPasses; i++)
        {
            pass();
        }

        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long passes = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            pass();
            passes++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        return (passes, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds, allocated);
    }

    private struct Counter : ISaxoMessageHandler
    {
        public long Messages;

        public void OnMessage(in SaxoStreamMessage message) => Messages++;
    }
}
