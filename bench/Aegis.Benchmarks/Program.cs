using Aegis.Benchmarks.Cluster;
using Aegis.Benchmarks.Connectors;
using Aegis.Benchmarks.Infrastructure;
using Aegis.Benchmarks.Live;
using Aegis.Benchmarks.Replay;
using Aegis.Benchmarks.Research;
using Aegis.Benchmarks.Shadow;
using Aegis.Benchmarks.Storage;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Aegis.Benchmarks -- <command> [--option value ...]
var commands = new Dictionary<string, Func<BenchArgs, Task>>(StringComparer.Ordinal)
{
    ["live-throughput"] = LiveThroughput.RunAsync,
    ["live-latency"] = LiveLatency.RunAsync,
    ["live-soak"] = LiveSoak.RunAsync,
    ["storage-writes"] = StorageWrites.RunAsync,
    ["cold-start"] = ColdStart.RunAsync,
    ["replayer-speed"] = ReplayerSpeed.RunAsync,
    ["recovery-time"] = RecoveryTime.RunAsync,
    ["shadow"] = ShadowLaneBench.RunAsync,
    ["cscv"] = CscvBench.RunAsync,
    ["backtest"] = BacktestBench.RunAsync,
    ["saxo-frames"] = SaxoFrameDecode.RunAsync,
};

if (args.Length > 0 && args[0] == "micro")
{
    // BenchmarkDotNet: micro [--filter *Quote*] [--list flat] ...
    BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args[1..], new MicroConfig());
    return 0;
}

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: Aegis.Benchmarks <{string.Join("|", commands.Keys)}|micro> [--option value ...]");
    return 2;
}

try
{
    await command(new BenchArgs(args[1..]));
    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"{args[0]}: {ex.Message}");
    return 2;
}
