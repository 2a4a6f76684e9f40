using Aegis.Grains.Hosting;
using Aegis.Grains.Interfaces.Cluster;
using Aegis.Hosting;
using Aegis.Silo.Configuration;
using Aegis.Silo.Database;
using Aegis.Silo.Health;
using Aegis.Silo.Lanes;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;

// aegis silo: dotnet run --project src/Silo -- --lane live|shadow|research
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, SiloCommandLine.SwitchMappings);

try
{
    var options = SiloHostOptionsReader.Read(builder.Configuration);
    builder.AddAegisServiceDefaults($"aegis-silo-{LaneIdentity.Name(options.Lane)}");
    builder.WebHost.UseUrls($"http://127.0.0.1:{options.HttpPort}");
    builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

    using var bootstrapLogging = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
    var connectionString = await DatabaseBootstrap.PrepareAsync(
        builder.Configuration, options, bootstrapLogging.CreateLogger("Aegis.Silo"), CancellationToken.None);

    if (options.AdvertiseFromEcsMetadata)
    {
        using var metadata = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        options.AdvertisedAddress = (await Aegis.Launchers.Fargate.EcsTaskMetadata.ReadAddressAsync(metadata)).ToString();
    }

    builder.Services.AddSingleton(options);
    if (options.Lane == Lane.Shadow)
    {
        ShadowPriority.Apply(builder.Configuration, bootstrapLogging.CreateLogger("Aegis.Silo"));
    }

    // Not AddHostedService: it keeps one registration per type, and there may be two companions.
    foreach (var companion in (Lane[])[.. options.WithShadow ? [Lane.Shadow] : Array.Empty<Lane>(), .. options.WithResearch ? [Lane.Research] : Array.Empty<Lane>()])
    {
        builder.Services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<LaneCompanion>(provider, companion));
    }

    if (options.ParentProcessId > 0)
    {
        builder.Services.AddHostedService<ParentWatch>();
    }

    builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [SiloReadinessCheck.Tag]);
    var lane = LaneRegistration.Load(options.Lane);
    builder.UseOrleans(silo =>
    {
        silo.AddAegisSiloDefaults(options, LaneRegistration.BuildOf(lane), connectionString);
        silo.AddLane(options, lane);
    });

    var app = builder.Build();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(SiloReadinessCheck.Tag) });
    app.MapOrleansDashboard("/dashboard");
    app.MapGet("/", () => Results.Redirect("/dashboard"));

    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    Console.Error.WriteLine($"aegis-silo: {ex.Message}");
    return 2;
}
catch (Exception ex) when (ex is IOException or OrleansException or InvalidOperationException or HttpRequestException)
{
    // Port in use, cluster join refused, ...: the operator needs the reason, not the stack.
    Console.Error.WriteLine($"aegis-silo: could not start: {ex.GetBaseException().Message}");
    return 1;
}
