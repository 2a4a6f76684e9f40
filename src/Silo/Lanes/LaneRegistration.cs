using Aegis.Grains.Interfaces.Cluster;
using Aegis.Silo.Configuration;
using Aegis.Silo.Lanes.Live;

namespace Aegis.Silo.Lanes;

/// <summary>Adds what a silo of one lane runs beyond the shared defaults.</summary>
public static class LaneRegistration
{
    public static ISiloBuilder AddLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        return options.Lane switch
        {
            Lane.Live => silo.AddLiveLane(options),
            Lane.Shadow => silo,
            Lane.Research => silo,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Lane, null),
        };
    }
}
