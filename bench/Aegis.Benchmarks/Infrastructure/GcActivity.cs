namespace Aegis.Benchmarks.Infrastructure;

/// <summary>Collections, pause time and allocation of this process; subtract two readings for a window.</summary>
public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, double PauseMs, double AllocatedMb)
{
    public static GcActivity Now() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds, GC.GetTotalAllocatedBytes() / 1048576.0);

    public static GcActivity operator -(GcActivity after, GcActivity before) => new(
        after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2,
        after.PauseMs - before.PauseMs, after.AllocatedMb - before.AllocatedMb);
}
