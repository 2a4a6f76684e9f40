namespace Aegis.Persistence.Embedded;

/// <summary>Finds the machine's PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>).</summary>
public static class PostgresBinaries
{
    /// <summary>One line telling an operator how to get a database when none is found.</summary>
    public const string InstallHint =
        "no PostgreSQL server binaries (initdb, pg_ctl) found: install them (Debian: apt-get install postgresql) " +
        "or point AEGIS at a server with ConnectionStrings__aegis=\"Host=…;Username=…;Password=…;Database=…\"";

    /// <summary>The folder holding initdb and pg_ctl, or null. <c>AEGIS_PG_BIN</c> wins, then Debian's
    /// versioned folders (newest first), then PATH.</summary>
    public static string? Locate()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("AEGIS_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        return candidates.FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) &&
            File.Exists(Path.Combine(dir, "postgres")));
    }
}
