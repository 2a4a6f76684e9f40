namespace Aegis.Persistence.Migrations;

/// <summary>A migration could not be applied; the message is meant for an operator.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }

    public MigrationException(string message, Exception innerException) : base(message, innerException) { }
}
