namespace Aegis.Domain.Replay;

/// <summary>A logged input cannot be replayed: a gap in the log, or quotes missing from the store it names.</summary>
public sealed class InputLogException(string message) : Exception(message);
