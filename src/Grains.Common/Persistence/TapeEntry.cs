using Aegis.Domain.Quotes;

namespace Aegis.Grains.Persistence;

/// <summary>Accepted quotes of one feed batch on their way to the tape; <see cref="Samples"/> also go to
/// <c>quote_samples</c>. One buffer slot per batch, not per quote, keeps the hot path cheap.</summary>
public sealed record TapeEntry(Quote[] Quotes, Quote[] Samples);
