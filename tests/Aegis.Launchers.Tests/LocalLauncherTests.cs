using System.Diagnostics;
using Aegis.Launchers.Local;

namespace Aegis.Launchers.Tests;

/// <summary>The local launcher's failure paths with stand-in programs (the research silo itself is launched in the system tests).</summary>
public sealed class LocalLauncherTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("aegis-local-launch-").FullName;

    private static WorkerLaunch Launch(int count) => new("job-7", count, "file:///tmp/manifest.json", new Dictionary<string, string>());

    [Fact]
    public async Task A_worker_that_exits_before_it_joins_fails_the_launch_with_its_output()
    {
        var launcher = new LocalLauncher(new LocalLaunchOptions { Command = ["sh", "-c", "echo cannot reach the database >&2; exit 3", "--"], Home = _home },
            _ => Task.FromResult(1));

        var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(2), TestContext.Current.CancellationToken));

        Assert.Matches("^local: worker [0-9]+ exited with code 3 before it joined: cannot reach the database \\(stopped the 2 workers it had started\\)$", failed.Message);
    }

    [Fact]
    public async Task Workers_that_never_join_are_stopped_when_the_launch_times_out()
    {
        var launcher = new LocalLauncher(new LocalLaunchOptions
        {
            Command = ["sh", "-c", "exec sleep 60", "--"],
            Home = _home,
            JoinTimeout = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromMilliseconds(100),
            StopPatience = TimeSpan.FromSeconds(5),
        }, _ => Task.FromResult(1));
        var before = Sleepers();

        var failed = await Assert.ThrowsAsync<WorkerLaunchException>(() => launcher.LaunchAsync(Launch(2), TestContext.Current.CancellationToken));

        Assert.Contains("1 active silos of the 3 expected", failed.Message, StringComparison.Ordinal);
        Assert.Equal(before, Sleepers());
    }

    private static int Sleepers()
    {
        var processes = Process.GetProcessesByName("sleep");
        foreach (var process in processes)
        {
            process.Dispose();
        }

        return processes.Length;
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
