namespace Aegis.Grains.Hosting;

/// <summary>What one lane's grain assembly adds to a silo of that lane: its services, options and hosted
/// services. A silo loads the assembly of its own lane only (see <see cref="LaneModuleAttribute"/>), so
/// a lane's silos cannot load another lane's grains.</summary>
public interface ILaneModule
{
    void Configure(ISiloBuilder silo, SiloHostOptions options);
}
