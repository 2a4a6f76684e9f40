using Aegis.Grains;

namespace Aegis.Benchmarks.Storage;

/// <summary>A grain that persists its state on every call: the Orleans side of <c>storage-writes</c>.</summary>
public interface IBenchStateGrain : IGrainWithIntegerKey
{
    /// <summary>Sets the payload (first call) and writes the state.</summary>
    Task Write(string payload);
}

public sealed class BenchState
{
    public string Payload { get; set; } = string.Empty;

    public long Writes { get; set; }
}

public sealed class BenchStateGrain([PersistentState("bench-state", StorageNames.Postgres)] IPersistentState<BenchState> state) : Grain, IBenchStateGrain
{
    public async Task Write(string payload)
    {
        state.State.Payload = payload;
        state.State.Writes++;
        await state.WriteStateAsync();
    }
}
