using System.Reflection;
using System.Runtime.Loader;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Silo.Configuration;

namespace Aegis.Silo.Lanes;

/// <summary>
/// Loads the grain assemblies of one lane from <c>lanes/&lt;lane&gt;/</c> next to the silo. The silo itself
/// references no lane's grains, so a silo of one lane never loads, and Orleans never registers, the grains
/// of another: a shadow silo has no type on its path to a broker's order endpoint.
/// </summary>
public static class LaneAssemblies
{
    public static string Folder(Lane lane) => Path.Combine(AppContext.BaseDirectory, "lanes", LaneIdentity.Name(lane));

    /// <summary>Loads the lane's grain assembly (and, on demand, what only it depends on) and returns its module.</summary>
    public static (Assembly Assembly, ILaneModule Module) Load(Lane lane)
    {
        var folder = Folder(lane);
        // The lane's own assemblies; its packages load when first needed, through the handler below.
        var candidates = Directory.Exists(folder) ? Directory.GetFiles(folder, "Aegis.*.dll") : [];
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };

        foreach (var path in candidates.Order(StringComparer.Ordinal))
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            if (assembly.GetCustomAttribute<LaneModuleAttribute>() is { } attribute && attribute.Lane == lane)
            {
                var module = Activator.CreateInstance(attribute.ModuleType) as ILaneModule
                    ?? throw new StartupException($"{attribute.ModuleType} in {path} is not a lane module");
                return (assembly, module);
            }
        }

        throw new StartupException($"no grain assembly of the {LaneIdentity.Name(lane)} lane in {folder}: build the solution (the silo copies each lane's assemblies there)");
    }
}
