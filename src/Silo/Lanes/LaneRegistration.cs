using System.Reflection;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Orleans.Serialization;

namespace Aegis.Silo.Lanes;

/// <summary>Adds what a silo of one lane runs beyond the shared defaults: its lane's grain assembly and module.</summary>
public static class LaneRegistration
{
    /// <summary>The lane's grain assembly and module, or null for a lane whose grains are not built yet.</summary>
    public static (Assembly Assembly, ILaneModule Module)? Load(Lane lane) =>
        lane == Lane.Research ? null : LaneAssemblies.Load(lane);

    /// <summary>The build the silo runs: that of its lane's grain assembly.</summary>
    public static SiloBuild BuildOf((Assembly Assembly, ILaneModule Module)? lane) =>
        SiloBuild.Of(lane?.Assembly ?? typeof(LaneRegistration).Assembly);

    public static ISiloBuilder AddLane(this ISiloBuilder silo, SiloHostOptions options, (Assembly Assembly, ILaneModule Module)? lane)
    {
        if (lane is not var (assembly, module))
        {
            // Research silos join their own cluster; their job and worker grains come with the research lane's assembly.
            return silo;
        }

        silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
        module.Configure(silo, options);
        return silo;
    }
}
