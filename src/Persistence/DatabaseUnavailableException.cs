namespace Aegis.Persistence;

/// <summary>The database is misconfigured, unreachable or at the wrong schema version; the message is one line.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
