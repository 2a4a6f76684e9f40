using Aegis.Persistence;
using Microsoft.Extensions.Configuration;

namespace Aegis.Client.Infrastructure;

/// <summary>Where the console finds its database: <c>--connection-string</c>, environment
/// <c>ConnectionStrings__aegis</c>, or the embedded default under <c>--home</c> / <c>AEGIS_HOME</c>.</summary>
public sealed class ConsoleSettings(string? connectionString, string? home)
{
    public string? Home { get; } = home;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection(connectionString is null ? [] : [new("ConnectionStrings:aegis", connectionString)])
        .Build();

    /// <summary>The database to use; never provisions one.</summary>
    public string FindDatabase()
    {
        try
        {
            return DatabaseLocator.Find(Configuration, Home);
        }
        catch (DatabaseUnavailableException ex)
        {
            throw new CliException(ex.Message, 2);
        }
    }
}
