namespace Aegis.Silo.Database;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Using database {Endpoint} at schema version {SchemaVersion}")]
    public static partial void UsingDatabase(ILogger logger, string endpoint, int schemaVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the embedded PostgreSQL in {Directory} at schema version {SchemaVersion} ({Applied} migrations applied now)")]
    public static partial void UsingEmbedded(ILogger logger, string directory, int schemaVersion, int applied);
}
