using Aegis.Launchers;

namespace Aegis.Grains.Research.Launch;

/// <summary>The launcher of a research lane configured without one: jobs run on the silos that are up, and a job asking for workers is refused.</summary>
public sealed class NoLauncher : IWorkerLauncher
{
    public static readonly NoLauncher Instance = new();

    public string Kind => "none";

    public Task<LaunchedWorkers> LaunchAsync(WorkerLaunch launch, CancellationToken cancellationToken = default) =>
        throw new WorkerLaunchException("this research cluster has no launcher (Aegis:Research:Launcher is not set)");

    public Task StopAsync(LaunchedWorkers workers, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
