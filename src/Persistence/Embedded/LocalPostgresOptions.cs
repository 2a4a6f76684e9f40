namespace Aegis.Persistence.Embedded;

/// <summary>Where and how a local PostgreSQL server is provisioned.</summary>
/// <param name="RootDirectory">Folder holding the cluster (<c>data/</c>), its log, socket and credentials.</param>
/// <param name="Port">TCP port on 127.0.0.1; only used when the cluster is first created.</param>
/// <param name="Database">Database created for AEGIS.</param>
/// <param name="UserName">Superuser created by initdb.</param>
public sealed record LocalPostgresOptions(
    string RootDirectory,
    int Port = LocalPostgresOptions.DefaultPort,
    string Database = "aegis",
    string UserName = "aegis")
{
    public const int DefaultPort = 55432;

    /// <summary>The embedded default's home: <c>AEGIS_HOME</c>, else <c>/var/lib/aegis</c> for root (the
    /// postgres OS user cannot enter /root), else <c>~/.local/share/aegis</c>.</summary>
    public static string DefaultHome()
    {
        if (Environment.GetEnvironmentVariable("AEGIS_HOME") is { Length: > 0 } home)
        {
            return home;
        }

        return Environment.IsPrivilegedProcess
            ? "/var/lib/aegis"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "aegis");
    }

    /// <summary>Options for the embedded default under <see cref="DefaultHome"/>.</summary>
    public static LocalPostgresOptions EmbeddedDefault() => new(Path.Combine(DefaultHome(), "postgres"));
}
