namespace Aegis.Benchmarks.Live;

/// <summary>The baseline: the cheapest possible grain call.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task Ping();
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
