using Aegis.Grains.Interfaces.Cluster;

namespace Aegis.Silo.Lanes;

/// <summary>Adds what a silo of one lane runs beyond the shared defaults.</summary>
public static class LaneRegistration
{
    public static ISiloBuilder AddLane(this ISiloBuilder silo, Lane lane, string connectionString)
    {
        _ = connectionString;
        return lane switch
        {
            Lane.Live => silo,
            Lane.Shadow => silo,
            Lane.Research => silo,
            _ => throw new ArgumentOutOfRangeException(nameof(lane), lane, null),
        };
    }
}
