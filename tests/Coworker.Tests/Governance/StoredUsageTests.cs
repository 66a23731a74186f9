using Coworker.Agents;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;
using Npgsql;

namespace Coworker.Tests.Governance;

/// <summary>
/// What a crashed silo would find: the call counters as they are stored in PostgreSQL, read from the grain storage
/// table and not from the (still active) grains. Counts must land there a few seconds after the calls.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredUsageTests(ClusterFixture cluster)
{
    [Fact]
    public async Task CountedCallsReachTheStoredRowWithinSecondsWhileTheGrainsStayActive()
    {
        var tenant = await GovernedTenant.CreateAsync(cluster, "stored", TenantQuotas.Default with { CallQuota = new CallQuota(PerDay: 1_000) });
        var agent = await tenant.StartAgentAsync("counted", quota: new CallQuota(PerDay: 100));
        for (var call = 0; call < 7; call++)
        {
            Assert.True((await agent.AuthorizeCallAsync(GovernedTenant.Tool)).Allowed);
        }

        // The deferred writer promises at most CallCounter.WriteDelay of loss; allow a generous margin on a busy machine.
        var deadline = TimeSpan.FromSeconds(30);
        var agentRow = await Cluster.Eventually.ReachAsync(() => StoredCallsTodayAsync(GrainKeys.Compose(tenant.Id, "counted")),
            calls => calls == 7, deadline, "the agent's stored usage row counting 7 calls");
        var tenantRow = await Cluster.Eventually.ReachAsync(() => StoredCallsTodayAsync(tenant.Id),
            calls => calls >= 7, deadline, "the tenant's stored usage row counting the calls");

        Assert.Equal(7, agentRow);
        Assert.True(tenantRow >= 7, $"the tenant's stored row counts {tenantRow} calls");
    }

    /// <summary>The "usage" state row of the grain with this key, deserialized with the silo's storage serializer; -1 when absent.</summary>
    private async Task<long> StoredCallsTodayAsync(string grainKey)
    {
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString LIKE '%usage%' AND GrainIdExtensionString = $1 AND PayloadBinary IS NOT NULL",
            connection);
        command.Parameters.Add(new() { Value = grainKey });
        var payload = await command.ExecuteScalarAsync() as byte[];
        if (payload is null)
        {
            return -1;
        }

        var serializer = SiloStorageSerializer.Of(cluster);
        var counter = serializer.Deserialize<CallCounter>(new BinaryData(payload))!;
        return counter.Day == DateOnly.FromDateTime(DateTime.UtcNow) ? counter.CallsToday : 0;
    }
}
