using Coworker.Agents;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Storage;

/// <summary>
/// Reading a grain state back must never change the shared defaults its properties start from: the storage
/// serializer fills an existing property value in place when it can, and a default shared by every new state
/// would then carry one tenant's settings into the next tenant created on that silo.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DefaultInstanceSerializationTests(ClusterFixture cluster)
{
    [Fact]
    public void ReadingATenantsStateBackLeavesTheDefaultQuotasAlone()
    {
        var serializer = SiloStorageSerializer.Of(cluster);
        var stored = new TenantState
        {
            DisplayName = "Quota heavy",
            Quotas = new TenantQuotas(7, 8, new RateLimit(6000, 1000), new CallQuota(PerDay: 1_000)),
        };

        var read = serializer.Deserialize<TenantState>(serializer.Serialize(stored))!;

        Assert.Equal(stored.Quotas, read.Quotas);
        Assert.Equal(new TenantQuotas(MaxAgents: 100, MaxUsers: 50), TenantQuotas.Default);
        Assert.Equal(new TenantQuotas(MaxAgents: 100, MaxUsers: 50), new TenantState().Quotas);
    }
}
