using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Shadow.Hosting;

[assembly: LaneModule(Lane.Shadow, typeof(ShadowLaneModule))]

namespace Aegis.Grains.Shadow.Hosting;

/// <summary>The shadow lane's module: what <see cref="ShadowLaneRegistration.AddShadowLane"/> adds.</summary>
public sealed class ShadowLaneModule : ILaneModule
{
    public void Configure(ISiloBuilder silo, SiloHostOptions options) => silo.AddShadowLane(options);
}
