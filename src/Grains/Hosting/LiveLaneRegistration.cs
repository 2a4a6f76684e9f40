using Aegis.Connectors.Replay;
using Aegis.Domain.Instruments;
using Aegis.Domain.Strategies;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Live;
using Aegis.Grains.Persistence;
using Aegis.Grains.Security;
using Aegis.Grains.Telemetry;
using Aegis.Grains.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aegis.Grains.Hosting;

/// <summary>What a live silo runs: instrument catalog, decision journal, quote tape writer, the
/// keep-alive of the replayed sample day (enabled for the cluster by a demo silo, then kept running by
/// every live silo) and, in the demo (the embedded default), the demo scenarios.</summary>
public static class LiveLaneRegistration
{
    public static ISiloBuilder AddLiveLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        var services = silo.Services;
        services.AddSingleton(TimeProvider.System);
        SiloBuildRecorder.Register(services, Lane.Live, SiloBuild.Of(typeof(LiveLaneRegistration).Assembly));
        services.AddSingleton(new InstrumentCatalog(SampleMarket.Instruments));
        services.TryAddSingleton(StrategyCatalog.Reference);
        services.AddSingleton<DecisionJournal>();
        services.AddSingleton<TapeProgress>();
        services.AddSingleton<TapeReader>();
        services.AddSingleton<ScenarioSpecs>();
        services.AddSingleton<ScenarioRecovery>();
        services.AddSingleton<DecisionJournalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<DecisionJournalWriter>());
        services.AddSingleton<LiveLaneMetrics>();
        services.AddSingleton<QuoteTapeWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<QuoteTapeWriter>());
        services.AddOptions<QuoteTapeOptions>().BindConfiguration("Aegis:QuoteTape");
        services.AddOptions<LiveLaneOptions>().BindConfiguration(LiveLaneOptions.Section);
        services.AddOptions<ReplaySettings>().BindConfiguration(ReplaySettings.Section).Configure(r =>
        {
            r.Enabled = options.Demo;
            if (string.IsNullOrEmpty(r.DataDirectory))
            {
                r.DataDirectory = Path.Combine(options.ResolvedHome, "market");
            }
        });

        services.AddOptions<BrokerAccountsOptions>().BindConfiguration(BrokerAccountsOptions.Section);
        services.AddSingleton<SaxoTokenClients>();
        services.AddSingleton<BrokerAccessTokens>();
        services.TryAddSingleton<AlertLog>();
        services.TryAddSingleton(_ => SecretBox.Load(Path.Combine(options.ResolvedHome, "secrets.key"), createIfMissing: true));
        services.AddHostedService<ReplayKeepAlive>();
        if (options.Demo)
        {
            services.AddHostedService<DemoScenarioSeeder>();
        }

        return silo;
    }
}
