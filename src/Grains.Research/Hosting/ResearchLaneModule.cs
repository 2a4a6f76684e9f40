using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Research.Hosting;

[assembly: LaneModule(Lane.Research, typeof(ResearchLaneModule))]

namespace Aegis.Grains.Research.Hosting;

/// <summary>The research lane's module: what <see cref="ResearchLaneRegistration.AddResearchLane"/> adds.</summary>
public sealed class ResearchLaneModule : ILaneModule
{
    public void Configure(ISiloBuilder silo, SiloHostOptions options) => silo.AddResearchLane(options);
}
