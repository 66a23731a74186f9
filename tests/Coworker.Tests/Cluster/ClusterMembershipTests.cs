using System.Diagnostics;
using Coworker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Coworker.Tests.Cluster;

/// <summary>Silos find each other and bury each other through the PostgreSQL membership table.</summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ClusterMembershipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DeathDetectionBound = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task BothSilosAreActiveInThePostgresMembershipTable()
    {
        await using var isolated = await IsolatedCluster.StartAsync();

        var rows = await MembershipRow.ReadAsync(isolated.Database, isolated.ClusterId);

        Assert.Equal(ClusterFixture.InitialSilos, rows.Count);
        foreach (var silo in isolated.Cluster.Silos)
        {
            var row = Assert.Single(rows, r => r.Is(silo.SiloAddress));
            Assert.Equal(MembershipRow.Active, row.Status);
        }

        // A client finds the silos through the same table (GatewaysQueryKey): the call must get through.
        var grain = isolated.Grains.GetGrain<TestGrains.ICounterGrain>("membership-probe");
        Assert.Equal(1, await grain.IncrementAsync());
    }

    [Fact]
    public async Task ACrashedSiloIsVotedDeadInTheMembershipTableByTheSurvivor()
    {
        await using var isolated = await IsolatedCluster.StartAsync();
        var victim = isolated.Cluster.Silos[^1];
        var survivor = isolated.Cluster.Silos[0];

        var clock = Stopwatch.StartNew();
        var killed = isolated.CrashSiloAsync(victim);
        await Eventually.ReachAsync(
            () => MembershipRow.StatusOfAsync(isolated.Database, isolated.ClusterId, victim.SiloAddress),
            status => status == MembershipRow.Dead,
            DeathDetectionBound,
            $"silo {victim.SiloAddress} marked Dead (6)");
        output.WriteLine($"Crashed silo voted Dead in PostgreSQL after {clock.ElapsedMilliseconds} ms.");
        await killed;

        Assert.Equal(MembershipRow.Active, await MembershipRow.StatusOfAsync(isolated.Database, isolated.ClusterId, survivor.SiloAddress));
    }
}
