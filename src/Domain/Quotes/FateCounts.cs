namespace Aegis.Domain.Quotes;

/// <summary>How many quotes of a stretch the engine drops or only marks, by <see cref="QuoteFate"/>.</summary>
public readonly record struct FateCounts(int Ignored, int Invalid, int Duplicate, int OutOfSession);
