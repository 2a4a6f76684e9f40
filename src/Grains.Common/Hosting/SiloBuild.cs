using System.Reflection;

namespace Aegis.Grains.Hosting;

/// <summary>
/// The build a silo runs: the informational version of its lane's grain assembly, which carries the commit
/// it was built from (<c>1.0.0+&lt;commit&gt;</c>). Parity reports name the builds they compared by it.
/// </summary>
public sealed record SiloBuild(string Version)
{
    /// <summary>The silo metadata key carrying the build.</summary>
    public const string MetadataKey = "build";

    public static SiloBuild Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return new SiloBuild(version);
    }

    public override string ToString() => Version;
}
