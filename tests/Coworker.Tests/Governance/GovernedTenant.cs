using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Governance;

/// <summary>
/// A fresh tenant, made straight through the grains, whose role "caller" is granted <see cref="Tool"/>, and its agents
/// holding that role: what the rate-limit and quota tests need, without an upstream or a Gateway.
/// </summary>
public sealed record GovernedTenant(ClusterFixture Cluster, string Id)
{
    public const string Tool = "pets_show";

    public static async Task<GovernedTenant> CreateAsync(ClusterFixture cluster, string prefix, TenantQuotas quotas)
    {
        var tenant = HttpAssertions.UniqueSlug(prefix);
        await cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Governance", "owner", quotas));
        await cluster.Grains.GetGrain<IRoleGrantsGrain>(tenant).SetRoleToolsAsync("caller", [Tool]);
        return new GovernedTenant(cluster, tenant);
    }

    public ITenantGrain Grain => Cluster.Grains.GetGrain<ITenantGrain>(Id);

    /// <summary>An active agent; its own rate limit is generous (1000/min) unless given.</summary>
    public async Task<IAgentGrain> StartAgentAsync(string id, RateLimit? rateLimit = null, CallQuota? quota = null)
    {
        var agent = Cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(Id, id));
        await agent.CreateAsync(new AgentConfig(id, "governance test", "", ModelSettings.Default, ["caller"], rateLimit ?? new RateLimit(1000, 1000), quota));
        await agent.StartAsync();
        return agent;
    }
}
