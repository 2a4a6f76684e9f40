using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Orleans.Serialization;

namespace Aegis.Silo.Lanes;

/// <summary>Adds what a silo of one lane runs beyond the shared defaults: its lane's grain assembly and module.</summary>
public static class LaneRegistration
{
    public static ISiloBuilder AddLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        if (options.Lane == Lane.Research)
        {
            // Research silos join their own cluster; their job and worker grains come with the research lane's assembly.
            return silo;
        }

        var (assembly, module) = LaneAssemblies.Load(options.Lane);
        silo.Services.AddSerializer(serializer => serializer.AddAssembly(assembly));
        module.Configure(silo, options);
        return silo;
    }
}
