using Aegis.Domain.Quotes;

namespace Aegis.Grains.Persistence;

/// <summary>An accepted quote on its way to the tape; <see cref="Sampled"/> also puts it in <c>quote_samples</c>.</summary>
public readonly record struct TapeEntry(Quote Quote, bool Sampled);
