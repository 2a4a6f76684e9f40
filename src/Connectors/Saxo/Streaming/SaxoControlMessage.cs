using System.Text.Json;

namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>
/// A control message, parsed. Saxo's payloads come in three shapes (fields at the top level, in a <c>Data</c> object,
/// or in <c>Data[0]</c>, possibly wrapped in an array); all are read. Control messages are rare, so this allocates.
/// </summary>
/// <param name="Kind">The control channel.</param>
/// <param name="TargetReferenceIds">For <see cref="SaxoControlKind.ResetSubscriptions"/>: the subscriptions to recreate; empty means all of them.</param>
/// <param name="Heartbeats">For <see cref="SaxoControlKind.Heartbeat"/>: one entry per subscription.</param>
public sealed record SaxoControlMessage(SaxoControlKind Kind, IReadOnlyList<string> TargetReferenceIds, IReadOnlyList<SaxoHeartbeat> Heartbeats)
{
    /// <summary>Parses a control message; a payload that is not the JSON it should be is a <see cref="FormatException"/>.</summary>
    /// <exception cref="FormatException">The payload is not valid JSON of a known shape.</exception>
    public static SaxoControlMessage Parse(in SaxoStreamMessage message)
    {
        var kind = KindOf(message);
        if (kind is SaxoControlKind.Unknown or SaxoControlKind.Disconnect or SaxoControlKind.Reconnect or SaxoControlKind.ConnectionHeartbeat or SaxoControlKind.Probe)
        {
            return new SaxoControlMessage(kind, [], []);
        }

        try
        {
            using var document = JsonDocument.Parse(message.Payload.ToArray());
            var targets = new List<string>();
            var heartbeats = new List<SaxoHeartbeat>();
            foreach (var body in Bodies(document.RootElement))
            {
                if (kind == SaxoControlKind.ResetSubscriptions && Property(body, "TargetReferenceIds") is { ValueKind: JsonValueKind.Array } ids)
                {
                    targets.AddRange(ids.EnumerateArray().Select(id => id.GetString() ?? throw new FormatException("a null target reference id")));
                }

                if (kind == SaxoControlKind.Heartbeat && Property(body, "Heartbeats") is { ValueKind: JsonValueKind.Array } beats)
                {
                    heartbeats.AddRange(beats.EnumerateArray().Select(beat => new SaxoHeartbeat(
                        Property(beat, "OriginatingReferenceId")?.GetString() ?? throw new FormatException("a heartbeat without OriginatingReferenceId"),
                        Property(beat, "Reason")?.GetString() ?? string.Empty)));
                }
            }

            return new SaxoControlMessage(kind, targets, heartbeats);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{message.ReferenceIdText}: not a control message payload: {ex.Message}", ex);
        }
    }

    /// <summary>The control channel of a message, without parsing its payload.</summary>
    public static SaxoControlKind KindOf(in SaxoStreamMessage message) =>
        message.HasReferenceId("_heartbeat") ? SaxoControlKind.Heartbeat
        : message.HasReferenceId("_resetsubscriptions") ? SaxoControlKind.ResetSubscriptions
        : message.HasReferenceId("_disconnect") ? SaxoControlKind.Disconnect
        : message.HasReferenceId("_reconnect") ? SaxoControlKind.Reconnect
        : message.HasReferenceId("_connectionheartbeat") ? SaxoControlKind.ConnectionHeartbeat
        : message.HasReferenceId("_probe") ? SaxoControlKind.Probe
        : SaxoControlKind.Unknown;

    // The objects that may carry the fields: the root (or each element of a root array), its Data object, Data[0].
    private static IEnumerable<JsonElement> Bodies(JsonElement root)
    {
        var tops = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        foreach (var top in tops.Where(t => t.ValueKind == JsonValueKind.Object))
        {
            yield return top;
            if (Property(top, "Data") is { } data)
            {
                if (data.ValueKind == JsonValueKind.Object)
                {
                    yield return data;
                }
                else if (data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 && data[0].ValueKind == JsonValueKind.Object)
                {
                    yield return data[0];
                }
            }
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
