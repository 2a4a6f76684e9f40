using System.Reflection;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Orleans.Serialization;

namespace Aegis.Silo.Lanes;

/// <summary>Adds what a silo of one lane runs beyond the shared defaults: its lane's grain assembly and module.</summary>
public static class LaneRegistration
{
    /// <summary>The lane's grain assembly and module.</summary>
    public static (Assembly Assembly, ILaneModule Module)? Load(Lane lane) => LaneAssemblies.Load(lane);

    /// <summary>The build the silo runs: that of its lane's grain assembly.</summary>
    public static SiloBuild BuildOf((Assembly Assembly, ILaneModule Module)? lane) =>
        SiloBuild.Of(lane?.Assembly ?? typeof(LaneRegistration).Assembly);

    public static ISiloBuilder AddLane(this ISiloBuilder silo, SiloHostOptions options, (Assembly Assembly, ILaneModule Module)? lane)
    {
        if (lane is not var (assembly, module))
        {
            return silo;
        }

        silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
        module.Configure(silo, options);
        return silo;
    }
}
