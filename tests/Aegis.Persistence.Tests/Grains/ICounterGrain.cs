namespace Aegis.Persistence.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task Deactivate();
}

/// <summary>A second grain type used with the same keys as <see cref="ICounterGrain"/>.</summary>
public interface ITallyGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task<int> Get();
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Schedule(TimeSpan dueTime);

    Task<int> TimesFired();
}
