using Coworker.Silo;

namespace Coworker.Tests.Cluster.TestGrains;

/// <summary>
/// Counts reminder ticks in persisted state. The reminder lives in the PostgreSQL reminder table, not in
/// the activation: whichever silo owns the grain's hash range fires it, activating the grain if needed.
/// </summary>
public sealed class TickerGrain(
    [PersistentState("ticker", SiloSetup.StorageName)] IPersistentState<TickerState> state) : Grain, ITickerGrain, IRemindable
{
    public const string ReminderName = "tick";

    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public async Task StopAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
