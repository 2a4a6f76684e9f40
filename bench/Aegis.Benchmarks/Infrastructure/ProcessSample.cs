using System.Diagnostics;

namespace Aegis.Benchmarks.Infrastructure;

/// <summary>Memory of this process (silo and driver together) at one instant, in MB.</summary>
public sealed record ProcessSample(double Seconds, double WorkingSetMb, double GcHeapMb, int TapeBacklog)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static ProcessSample Take(int tapeBacklog = 0)
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSample(
            BenchReport.Round(Clock.Elapsed.TotalSeconds),
            BenchReport.Round(process.WorkingSet64 / 1048576.0),
            BenchReport.Round(GC.GetTotalMemory(forceFullCollection: false) / 1048576.0),
            tapeBacklog);
    }
}
