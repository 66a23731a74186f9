using Coworker.Silo;

namespace Coworker.Tests.Cluster.TestGrains;

public sealed class CounterGrain(
    [PersistentState("counter", SiloSetup.StorageName)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<SiloAddress> GetSiloAsync() => Task.FromResult(silo.SiloAddress);
}
