using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>The shared BenchmarkDotNet configuration: default jobs plus allocations per operation.</summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        Add(DefaultConfig.Instance);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
