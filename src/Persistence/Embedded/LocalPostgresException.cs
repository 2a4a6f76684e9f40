namespace Aegis.Persistence.Embedded;

/// <summary>The local PostgreSQL server could not be provisioned or started; the message is one line for an operator.</summary>
public sealed class LocalPostgresException(string message, Exception? innerException = null) : Exception(message, innerException);
