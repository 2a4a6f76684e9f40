using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;

[assembly: LaneModule(Lane.Live, typeof(LiveLaneModule))]

namespace Aegis.Grains.Hosting;

/// <summary>The live lane's module: what <see cref="LiveLaneRegistration.AddLiveLane"/> adds.</summary>
public sealed class LiveLaneModule : ILaneModule
{
    public void Configure(ISiloBuilder silo, SiloHostOptions options) => silo.AddLiveLane(options);
}
