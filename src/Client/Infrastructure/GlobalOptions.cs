using System.CommandLine;

namespace Aegis.Client.Infrastructure;

/// <summary>Options every command understands.</summary>
public sealed class GlobalOptions
{
    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "PostgreSQL connection string (default: ConnectionStrings__aegis, else the embedded default)",
        Recursive = true,
    };

    public Option<string?> Home { get; } = new("--home")
    {
        Description = "Folder of the embedded default (default: AEGIS_HOME, else /var/lib/aegis for root or ~/.local/share/aegis)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for machines" };

    public ConsoleSettings Settings(ParseResult parse) => new(parse.GetValue(ConnectionString), parse.GetValue(Home));
}
