namespace Aegis.Connectors.Saxo.Streaming;

/// <summary>Receives each message a <see cref="SaxoStreamDecoder"/> reads; a struct implementation is called without virtual dispatch.</summary>
public interface ISaxoMessageHandler
{
    void OnMessage(in SaxoStreamMessage message);
}
