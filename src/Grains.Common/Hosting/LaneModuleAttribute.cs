using Aegis.Grains.Interfaces.Cluster;

namespace Aegis.Grains.Hosting;

/// <summary>Names the <see cref="ILaneModule"/> of a lane's grain assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class LaneModuleAttribute(Lane lane, Type moduleType) : Attribute
{
    public Lane Lane { get; } = lane;

    public Type ModuleType { get; } = moduleType;
}
