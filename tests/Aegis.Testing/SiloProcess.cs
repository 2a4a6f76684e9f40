using System.Diagnostics;
using System.Text;
using Aegis.Persistence.Embedded;

namespace Aegis.Testing;

/// <summary>A real <c>Aegis.Silo</c> process on loopback, started from the build output, for system tests.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, string name, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo; <paramref name="extraArguments"/> go on its command line.</summary>
    public static SiloProcess Start(string name, string? connectionString, string home, params string[] extraArguments) =>
        Start(name, connectionString, home, new Dictionary<string, string>(), extraArguments);

    /// <summary>Starts a silo with <paramref name="environment"/> added to its environment (its companions inherit it).</summary>
    public static SiloProcess Start(string name, string? connectionString, string home, IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        // A port found free is released at once, so the next look may find the same one: take three different ones.
        var ports = new HashSet<int>();
        while (ports.Count < 3)
        {
            ports.Add(LocalPostgres.FindFreePort());
        }

        var (httpPort, siloPort, gatewayPort) = (ports.ElementAt(0), ports.ElementAt(1), ports.ElementAt(2));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[SiloDll, "--name", name, "--http-port", $"{httpPort}", "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--home", home, .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__aegis");
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__aegis"] = connectionString;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the silo process");
        return new SiloProcess(process, name, httpPort, siloPort, gatewayPort);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode}: {Output}");
            }

            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health/ready"));
            return response.IsSuccessStatusCode;
        }, deadline, $"silo {Name} to be ready");
    }

    /// <summary>The equivalent of <c>kill -9</c>: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself (startup-failure tests).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The silo built beside the tests (same configuration), found from the repository root.</summary>
    public static string SiloDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = testBin.Parent?.Name ?? "Debug";
            var root = RepositoryRoot;
            var dll = Path.Combine(root, "src", "Silo", "bin", configuration, "net10.0", "Aegis.Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the silo first: {dll} not found");
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aegis.Orleans.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("Aegis.Orleans.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
