using Aegis.Domain.Quotes;

namespace Aegis.Connectors;

/// <summary>
/// Where a connector delivers quotes (the Orleans side implements it, fanning out to feed grains).
/// </summary>
public interface IQuoteSink
{
    /// <summary>
    /// Publishes one batch of quotes, in tape order. The connector reuses the batch's memory for the
    /// next batch: the memory is valid only until the returned task completes, so copy what you keep.
    /// The next batch is not sent before this one completes.
    /// </summary>
    ValueTask PublishAsync(ReadOnlyMemory<Quote> batch, CancellationToken cancellationToken);
}
