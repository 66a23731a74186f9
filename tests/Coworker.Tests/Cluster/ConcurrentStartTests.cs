using Coworker.Storage;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Cluster;

/// <summary>
/// Silos migrate the schema themselves at start. Two replicas started together against an empty database
/// (a fresh compose deployment) must both come up, and the scripts must have run exactly once.
/// </summary>
[Collection(DestructiveClusterCollection.Name)]
public sealed class ConcurrentStartTests
{
    [Fact]
    public async Task TwoSilosStartingTogetherOnAnEmptyDatabaseBothComeUpAndMigrateOnce()
    {
        // TestCluster starts all initial silos in parallel when it does not use its own membership.
        await using var isolated = await IsolatedCluster.StartAsync();

        var rows = await MembershipRow.ReadAsync(isolated.Database, isolated.ClusterId);
        Assert.Equal(ClusterFixture.InitialSilos, rows.Count(r => r.Status == MembershipRow.Active));

        // version is the table's key, so a second, unserialised run would have failed its silo's start.
        var recorded = await isolated.Database.ScalarAsync<long>("SELECT count(*) FROM coworker.schema_migrations");
        Assert.Equal(SchemaMigrator.Migrations.Count, recorded);

        var grain = isolated.Grains.GetGrain<TestGrains.ICounterGrain>("concurrent-start");
        Assert.Equal(1, await grain.IncrementAsync());
    }
}
