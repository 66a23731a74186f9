using System.Diagnostics;
using Coworker.Tests.Cluster.TestGrains;
using Xunit.Abstractions;

namespace Coworker.Tests.Cluster;

/// <summary>Durable reminders live in PostgreSQL (OrleansRemindersTable) and outlive the silo that fired them.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ReminderFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task AOneSecondReminderKeepsTickingAfterTheSiloFiringItCrashes()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        var ticker = isolated.Grains.GetGrain<ITickerGrain>("failover-ticker");
        await ticker.StartAsync();
        var before = await Eventually.ReachAsync(ticker.GetTicksAsync, ticks => ticks >= 2, Bound, "two ticks before the kill");

        var owner = ReminderRing.OwnerOf(isolated.Cluster.Silos[0], ticker.GetGrainId());
        var victim = isolated.Cluster.GetSiloForAddress(owner) ?? throw new InvalidOperationException($"No silo handle for {owner}.");
        output.WriteLine($"{before} ticks before the kill; killing {owner}, which owns the reminder's ring range.");

        // Wait for the crashed silo to be fully stopped: until then its reminder service could still fire.
        var clock = Stopwatch.StartNew();
        await isolated.CrashSiloAsync(victim);
        var ticksAfterKill = await Eventually.ReachAsync(ticker.GetTicksAsync, _ => true, Bound, "reading the ticker after the crash");
        var resumed = await Eventually.ReachAsync(
            ticker.GetTicksAsync, ticks => ticks >= ticksAfterKill + 3, Bound, "three more ticks on the surviving silo");
        output.WriteLine($"{resumed} ticks {clock.ElapsedMilliseconds} ms after the crash (read {ticksAfterKill} once the grain answered).");

        await ticker.StopAsync();
        var remaining = await isolated.Database.ScalarAsync<long>("SELECT count(*) FROM OrleansRemindersTable");
        Assert.Equal(0, remaining);
    }
}
