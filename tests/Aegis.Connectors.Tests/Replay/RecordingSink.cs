using Aegis.Domain.Quotes;

namespace Aegis.Connectors.Tests.Replay;

/// <summary>Copies every batch it is given; optionally runs a callback after each one.</summary>
public sealed class RecordingSink(Action<RecordingSink>? afterBatch = null) : IQuoteSink
{
    public List<Quote> Quotes { get; } = [];

    public List<int> BatchSizes { get; } = [];

    public ValueTask PublishAsync(ReadOnlyMemory<Quote> batch, CancellationToken cancellationToken)
    {
        // The connector reuses the batch memory: copy, as a real sink must.
        Quotes.AddRange(batch.Span);
        BatchSizes.Add(batch.Length);
        afterBatch?.Invoke(this);
        return ValueTask.CompletedTask;
    }
}
