using Aegis.Grains;

namespace Aegis.Persistence.Tests.Grains;

public sealed class CounterGrain([PersistentState("test-counter", StorageNames.Postgres)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public sealed class TallyGrain([PersistentState("test-tally", StorageNames.Postgres)] IPersistentState<CounterState> state)
    : Grain, ITallyGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);
}

public sealed class ReminderProbeGrain([PersistentState("test-reminder-probe", StorageNames.Postgres)] IPersistentState<CounterState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public Task Schedule(TimeSpan dueTime) => this.RegisterOrUpdateReminder("probe", dueTime, TimeSpan.FromMinutes(1));

    public Task<int> TimesFired() => Task.FromResult(state.State.Value);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Value++;
        await state.WriteStateAsync();
    }
}
