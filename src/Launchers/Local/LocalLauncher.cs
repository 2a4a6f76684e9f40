using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aegis.Launchers.Local;

/// <summary>
/// Research workers as processes on this machine: the silo program with <c>--lane research</c> on free ports and the
/// launching silo's home, each writing its output to <c>HOME/logs/research-workers/</c>. A launch waits until the
/// membership table counts every worker; a worker that exits first, or a join that takes too long, stops them all.
/// </summary>
public sealed class LocalLauncher(LocalLaunchOptions options, ActiveSiloCount activeSilos, TimeProvider? clock = null) : IWorkerLauncher
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // Workers started here, kept open: their output is read through pipes, which must outlive the launch call.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Process> _running = new();

    public string Kind => "local";

    public async Task<LaunchedWorkers> LaunchAsync(WorkerLaunch launch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(launch), launch.Count, "workers: at least one");
        }

        var baseline = await activeSilos(cancellationToken);
        var logs = Directory.CreateDirectory(Path.Combine(options.Home, "logs", "research-workers")).FullName;
        var started = new List<(Process Process, string Log)>();
        try
        {
            for (var i = 0; i < launch.Count; i++)
            {
                var log = Path.Combine(logs, $"{launch.JobId}-{i}.log");
                started.Add((Start(launch, i, log), log));
            }

            var deadline = _clock.GetUtcNow() + options.JoinTimeout;
            while (true)
            {
                if (started.FirstOrDefault(s => s.Process.HasExited) is { Process: not null } exited)
                {
                    exited.Process.WaitForExit(); // the output pumps drain to the log before the reason is read from it
                    throw new WorkerLaunchException($"local: worker {exited.Process.Id} exited with code {exited.Process.ExitCode} before it joined: {Tail(exited.Log)}");
                }

                var active = await activeSilos(cancellationToken);
                if (active >= baseline + launch.Count)
                {
                    foreach (var (process, _) in started)
                    {
                        _running[process.Id] = process;
                    }

                    return new LaunchedWorkers(Kind, started.Select(s => s.Process.Id.ToString(CultureInfo.InvariantCulture)).ToList());
                }

                if (_clock.GetUtcNow() >= deadline)
                {
                    throw new WorkerLaunchException($"local: the research cluster has {active} active silos of the {baseline + launch.Count} expected after {options.JoinTimeout.TotalSeconds:0} s (logs in {logs})");
                }

                await Task.Delay(options.PollInterval, _clock, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WorkerLaunchException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            await Task.WhenAll(started.Select(s => StopAndDisposeAsync(s.Process)));
            var message = ex is WorkerLaunchException ? ex.Message : $"local: starting {options.Command[0]} failed: {ex.Message}";
            throw new WorkerLaunchException($"{message} (stopped the {started.Count} workers it had started)", ex);
        }
    }

    public async Task StopAsync(LaunchedWorkers workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var stops = new List<Task>();
        foreach (var id in workers.Ids)
        {
            var pid = int.Parse(id, CultureInfo.InvariantCulture);
            Process process;
            if (_running.TryRemove(pid, out var known))
            {
                process = known;
            }
            else
            {
                // Started by this silo before a restart of the job: found by id, if it still runs.
                try
                {
                    process = Process.GetProcessById(pid);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                // A recycled process id belongs to another program: leave it alone.
                if (!string.Equals(process.ProcessName, Path.GetFileNameWithoutExtension(options.Command[0]), StringComparison.Ordinal))
                {
                    process.Dispose();
                    continue;
                }
            }

            stops.Add(StopAndDisposeAsync(process));
        }

        await Task.WhenAll(stops);
    }

    private async Task StopAndDisposeAsync(Process process)
    {
        using (process)
        {
            await ProcessStopper.StopAsync(process, options.StopPatience);
        }
    }

    private Process Start(WorkerLaunch launch, int index, string log)
    {
        var start = new ProcessStartInfo(options.Command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in options.Command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in (string[])[
            "--lane", "research", "--home", options.Home, "--name", $"research-{launch.JobId}-{index}", "--demo", "false",
            "--silo-port", FreePort(), "--gateway-port", FreePort(), "--http-port", FreePort()])
        {
            start.ArgumentList.Add(argument);
        }

        if (options.ParentProcessId > 0)
        {
            start.ArgumentList.Add("--parent-pid");
            start.ArgumentList.Add(options.ParentProcessId.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in launch.Variables())
        {
            start.Environment[name] = value;
        }

        // A worker never starts companions of its own.
        start.Environment.Remove("Aegis__WithShadow");
        start.Environment.Remove("Aegis__WithResearch");
        start.Environment.Remove("Aegis__Research__Launcher");
        var process = Process.Start(start) ?? throw new WorkerLaunchException($"local: {options.Command[0]} did not start");
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        var open = 2;

        // Runs on the pumps' threads: an exception here would end this silo, so a log that cannot be written loses lines, not the silo.
        void Write(string? line)
        {
            lock (writer)
            {
                if (open == 0)
                {
                    return;
                }

                try
                {
                    if (line is not null)
                    {
                        writer.WriteLine(line);
                    }
                    else if (--open == 0)
                    {
                        writer.Dispose();
                    }
                }
                catch (IOException)
                {
                    open = 0;
                    writer.Dispose();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Tail(string log)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? $"no output (see {log})" : string.Join(" | ", lines.TakeLast(3));
        }
        catch (IOException)
        {
            return $"see {log}";
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
