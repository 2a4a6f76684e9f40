using Aegis.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Aegis.Grains.Shadow.Hosting;

/// <summary>What a shadow silo runs.</summary>
public static class ShadowLaneRegistration
{
    public static ISiloBuilder AddShadowLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        silo.Services.AddSingleton(TimeProvider.System);
        return silo;
    }
}
