using System.Globalization;
using System.Reflection;

namespace Aegis.Persistence.Migrations;

/// <summary>The migrations shipped in this assembly (from <c>deploy/sql</c>), in version order.</summary>
public static class MigrationCatalog
{
    private const string Prefix = "migrations/";

    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(MigrationCatalog).Assembly);

    /// <summary>The newest version a database must be at for this build to run against it.</summary>
    public static int LatestVersion => Embedded[^1].Version;

    private static List<Migration> Load(Assembly assembly)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[Prefix.Length..];
            var name = Path.GetFileNameWithoutExtension(fileName);
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}
