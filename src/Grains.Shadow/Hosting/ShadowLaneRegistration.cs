using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Persistence;
using Aegis.Grains.Shadow.Persistence;
using Aegis.Grains.Shadow.Scan;
using Aegis.Grains.Shadow.Telemetry;
using Aegis.Grains.Shadow.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.Grains.Shadow.Hosting;

/// <summary>What a shadow silo runs: the twins and their parity, reading the live lane's durable contracts
/// (specs, input logs, tape, journal) and writing only the shadow's tables.</summary>
public static class ShadowLaneRegistration
{
    public static ISiloBuilder AddShadowLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        SiloBuildRecorder.Register(services, Lane.Shadow, SiloBuild.Of(typeof(ShadowLaneRegistration).Assembly));
        services.TryAddSingleton(new InstrumentCatalog(SampleMarket.Instruments));
        services.TryAddSingleton(StrategyCatalog.Reference);
        services.AddSingleton<DecisionJournal>();
        services.AddSingleton<TapeReader>();
        services.AddSingleton<ScenarioSpecs>();
        services.AddSingleton<AlertLog>();
        services.AddSingleton<ShadowJournal>();
        services.AddSingleton<ParityStore>();
        services.AddSingleton<ShadowLaneMetrics>();
        services.AddTransient<ValidationRules>();
        services.AddSingleton<VerdictStore>();
        services.AddSingleton<ScanStore>();
        services.AddSingleton<TapeOverview>();
        services.AddSingleton<SharedTapeCache>();
        services.AddOptions<ShadowLaneOptions>().BindConfiguration(ShadowLaneOptions.Section);
        services.AddHostedService<ShadowKeepAlive>();
        return silo;
    }
}
