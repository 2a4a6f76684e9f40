using Aegis.Connectors.Replay;
using Aegis.Datasets;
using Aegis.Datasets.Storage;
using Aegis.Domain.Instruments;
using Aegis.Domain.Strategies;
using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Grains.Research.Datasets;
using Aegis.Grains.Research.Jobs;
using Aegis.Grains.Research.Launch;
using Aegis.Launchers;
using Aegis.Launchers.Fargate;
using Aegis.Launchers.Local;
using Aegis.Grains.Research.Placement;
using Aegis.Grains.Research.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aegis.Grains.Research.Hosting;

/// <summary>What a research silo runs: job grains and sweep workers over the object store's datasets.</summary>
public static class ResearchLaneRegistration
{
    public const string S3Section = ResearchLaneOptions.Section + ":S3";

    public static ISiloBuilder AddResearchLane(this ISiloBuilder silo, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        SiloBuildRecorder.Register(services, Lane.Research, SiloBuild.Of(typeof(ResearchLaneRegistration).Assembly));
        services.TryAddSingleton(new InstrumentCatalog(SampleMarket.Instruments));
        services.TryAddSingleton(StrategyCatalog.Reference);
        services.AddOptions<ResearchLaneOptions>().BindConfiguration(ResearchLaneOptions.Section);
        services.TryAddSingleton<IObjectStore>(provider => CreateStore(provider, options));
        services.AddSingleton<DatasetReader>();
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<JobIndex>();
        services.AddSingleton<ResultPublisher>();
        services.AddSingleton<LiveDayExport>();
        services.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        services.AddSingleton<MembershipTable>();
        services.TryAddSingleton(provider => CreateLauncher(provider, options));
        if (options.Demo)
        {
            services.TryAddSingleton(options);
            services.AddHostedService<SampleDatasetSeeder>();
        }

        return silo;
    }

    public const string FargateSection = ResearchLaneOptions.Section + ":Fargate";

    /// <summary>The launcher <c>Aegis:Research:Launcher</c> names; a lane without one registers a null launcher, and jobs asking for workers are refused.</summary>
    public static IWorkerLauncher CreateLauncher(IServiceProvider provider, SiloHostOptions host)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(host);
        var lane = provider.GetRequiredService<IOptions<ResearchLaneOptions>>().Value;
        var membership = provider.GetRequiredService<MembershipTable>();
        switch (lane.Launcher.ToLowerInvariant())
        {
            case "local":
                var command = Environment.ProcessPath ?? "dotnet";
                IReadOnlyList<string> program = Path.GetFileNameWithoutExtension(command) == "dotnet"
                    ? [command, System.Reflection.Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly to start workers from")]
                    : [command];
                return new LocalLauncher(new LocalLaunchOptions
                {
                    Command = program,
                    Home = host.ResolvedHome,
                    ParentProcessId = Environment.ProcessId,
                    JoinTimeout = lane.LaunchTimeout,
                }, membership.ActiveSilosAsync);
            case "fargate":
                var ecs = provider.GetRequiredService<IConfiguration>().GetSection(FargateSection).Get<EcsOptions>()
                    ?? throw new InvalidOperationException($"{ResearchLaneOptions.Section}:Launcher is fargate but {FargateSection} is not configured");
                return new FargateLauncher(new EcsClient(ecs), ecs, membership.ActiveSilosAsync, new FargateLaunchOptions { JoinTimeout = lane.LaunchTimeout });
            case "":
            case "none":
                return NoLauncher.Instance;
            default:
                throw new InvalidOperationException($"{ResearchLaneOptions.Section}:Launcher must be local, fargate or empty, got '{lane.Launcher}'");
        }
    }

    /// <summary>S3 when <c>Aegis:Research:S3:Bucket</c> is configured, else a directory (by default HOME/research).</summary>
    public static IObjectStore CreateStore(IServiceProvider provider, SiloHostOptions host)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(host);
        var configuration = provider.GetRequiredService<IConfiguration>();
        if (configuration.GetSection(S3Section).Get<S3StoreOptions>() is { Bucket.Length: > 0 } s3)
        {
            return new S3ObjectStore(s3);
        }

        var directory = provider.GetRequiredService<IOptions<ResearchLaneOptions>>().Value.Directory;
        return new DirectoryObjectStore(directory.Length > 0 ? directory : Path.Combine(host.ResolvedHome, "research"));
    }
}
