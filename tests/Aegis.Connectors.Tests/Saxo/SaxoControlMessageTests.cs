using System.Buffers;
using System.Text;
using Aegis.Connectors.Saxo.Streaming;

namespace Aegis.Connectors.Tests.Saxo;

public sealed class SaxoControlMessageTests
{
    private static SaxoControlMessage Parse(string referenceId, string json)
    {
        var wire = new ArrayBufferWriter<byte>();
        SaxoFrame.Write(wire, 5, referenceId, SaxoPayloadFormat.Json, Encoding.UTF8.GetBytes(json));
        Assert.Equal(SaxoFrameReadStatus.Message, SaxoFrame.TryRead(wire.WrittenSpan, SaxoFrame.DefaultMaxPayloadLength, out var message, out _, out _));
        return SaxoControlMessage.Parse(message);
    }

    [Theory]
    [InlineData("""[{"ReferenceId":"_heartbeat","Heartbeats":[{"OriginatingReferenceId":"IP_SPY","Reason":"NoNewData"}]}]""")]
    [InlineData("""{"ReferenceId":"_heartbeat","Data":{"Heartbeats":[{"OriginatingReferenceId":"IP_SPY","Reason":"NoNewData"}]}}""")]
    [InlineData("""{"ReferenceId":"_heartbeat","Data":[{"Heartbeats":[{"OriginatingReferenceId":"IP_SPY","Reason":"NoNewData"}]}]}""")]
    public void A_heartbeat_is_read_in_each_shape_saxo_sends(string json)
    {
        var control = Parse("_heartbeat", json);

        Assert.Equal(SaxoControlKind.Heartbeat, control.Kind);
        Assert.Equal([new SaxoHeartbeat("IP_SPY", "NoNewData")], control.Heartbeats);
    }

    [Theory]
    [InlineData("""{"TargetReferenceIds":["IP_SPY","IP_QQQ"]}""", "IP_SPY,IP_QQQ")]
    [InlineData("""[{"TargetReferenceIds":["IP_SPY"]}]""", "IP_SPY")]
    [InlineData("""{"TargetReferenceIds":[]}""", "")]
    [InlineData("""{}""", "")]
    public void A_reset_names_its_subscriptions_or_none_for_all(string json, string targets)
    {
        var control = Parse("_resetsubscriptions", json);

        Assert.Equal(SaxoControlKind.ResetSubscriptions, control.Kind);
        Assert.Equal(targets.Split(',', StringSplitOptions.RemoveEmptyEntries), control.TargetReferenceIds);
    }

    [Theory]
    [InlineData("_disconnect", SaxoControlKind.Disconnect)]
    [InlineData("_reconnect", SaxoControlKind.Reconnect)]
    [InlineData("_connectionheartbeat", SaxoControlKind.ConnectionHeartbeat)]
    [InlineData("_probe", SaxoControlKind.Probe)]
    [InlineData("_somethingnew", SaxoControlKind.Unknown)]
    public void Channels_without_a_payload_to_read_are_named(string referenceId, SaxoControlKind kind) =>
        Assert.Equal(kind, Parse(referenceId, "not json at all").Kind);

    [Fact]
    public void A_control_payload_that_is_not_json_is_a_format_error_naming_the_channel()
    {
        var error = Assert.Throws<FormatException>(() => Parse("_resetsubscriptions", "{\"TargetReferenceIds\":["));

        Assert.Contains("_resetsubscriptions", error.Message, StringComparison.Ordinal);
    }
}
