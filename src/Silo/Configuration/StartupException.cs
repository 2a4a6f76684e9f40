namespace Aegis.Silo.Configuration;

/// <summary>The silo cannot start; the message is the one line an operator sees.</summary>
public sealed class StartupException(string message, Exception? innerException = null) : Exception(message, innerException);
