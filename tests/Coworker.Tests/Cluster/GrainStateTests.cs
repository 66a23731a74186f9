using System.Diagnostics;
using Coworker.Tests.Cluster.TestGrains;
using Xunit.Abstractions;

namespace Coworker.Tests.Cluster;

/// <summary>Grain state lives in PostgreSQL (OrleansStorage), not in the silo that wrote it.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class GrainStateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StateWrittenByAGrainSurvivesAFullClusterRestart()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        var keys = Enumerable.Range(0, 8).Select(i => $"restart-{i}").ToArray();
        foreach (var key in keys)
        {
            var grain = isolated.Grains.GetGrain<ICounterGrain>(key);
            for (var i = 0; i <= key[^1] - '0'; i++)
            {
                await grain.IncrementAsync();
            }
        }

        await isolated.RestartAsync();

        foreach (var key in keys)
        {
            Assert.Equal(key[^1] - '0' + 1, await isolated.Grains.GetGrain<ICounterGrain>(key).GetAsync());
        }

        // The etag came back with the state: the restarted grain can keep writing (no version conflict).
        Assert.Equal(2, await isolated.Grains.GetGrain<ICounterGrain>("restart-0").IncrementAsync());
    }

    [Fact]
    public async Task AfterItsSiloCrashesAGrainReactivatesOnTheOtherSiloWithItsState()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        var grain = isolated.Grains.GetGrain<ICounterGrain>("failover");
        for (var i = 0; i < 5; i++)
        {
            await grain.IncrementAsync();
        }

        var host = await grain.GetSiloAsync();
        var victim = isolated.Cluster.GetSiloForAddress(host) ?? throw new InvalidOperationException($"No silo handle for {host}.");

        var clock = Stopwatch.StartNew();
        var killed = isolated.CrashSiloAsync(victim);
        var newHost = await Eventually.ReachAsync(grain.GetSiloAsync, silo => !silo.Equals(host), FailoverBound, "grain reactivation");
        var firstCall = clock.Elapsed;
        await killed;
        output.WriteLine(
            $"First successful call {firstCall.TotalMilliseconds:0} ms after the crash (grain now on {newHost}); "
            + $"the in-process silo took {clock.Elapsed.TotalMilliseconds:0} ms to stop.");

        Assert.Equal(5, await grain.GetAsync());
        Assert.Equal(6, await grain.IncrementAsync());
    }
}
