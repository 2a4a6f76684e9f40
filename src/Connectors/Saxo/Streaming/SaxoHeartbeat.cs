namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>One entry of a <c>_heartbeat</c>: the subscription it is about and why it sent nothing
/// (<c>NoNewData</c>, <c>SubscriptionTemporarilyDisabled</c>, <c>SubscriptionPermanentlyDisabled</c>).</summary>
public sealed record SaxoHeartbeat(string OriginatingReferenceId, string Reason);
