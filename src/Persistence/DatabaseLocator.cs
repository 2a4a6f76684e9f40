using Aegis.Persistence.Embedded;
using Microsoft.Extensions.Configuration;

namespace Aegis.Persistence;

/// <summary>Finds the database a host should use: <c>ConnectionStrings:aegis</c> when set (environment
/// <c>ConnectionStrings__aegis</c>), otherwise the embedded default under the AEGIS home.</summary>
public static class DatabaseLocator
{
    public const string ConnectionStringName = "aegis";
    public const string SettingName = "ConnectionStrings:aegis";

    /// <summary>The configured connection string, or null when the embedded default should be used.</summary>
    public static string? Configured(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured ? configured : null;

    /// <summary>The local server of the embedded default for <paramref name="home"/> (empty = default home).</summary>
    public static LocalPostgres Embedded(string? home) =>
        new(string.IsNullOrEmpty(home) ? LocalPostgresOptions.EmbeddedDefault() : new LocalPostgresOptions(Path.Combine(home, "postgres")));

    /// <summary>For clients: the configured database or an already provisioned embedded one; never provisions.</summary>
    public static string Find(IConfiguration configuration, string? home)
    {
        if (Configured(configuration) is { } configured)
        {
            DatabaseEndpoint.Parse(configured, SettingName);
            return configured;
        }

        var embedded = Embedded(home);
        return embedded.TryGetConnectionString()
            ?? throw new DatabaseUnavailableException(
                $"no database configured ({SettingName}) and no embedded default in {embedded.Options.RootDirectory}: start the system first (dotnet run --project src/Silo) or set ConnectionStrings__aegis");
    }
}
