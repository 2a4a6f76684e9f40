namespace Aegis.Grains.Persistence;

/// <summary>Decisions were held back because the tape has not yet committed the quotes that caused them (tape first).</summary>
public sealed class TapeNotDurableException(string message) : Exception(message);
