using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Governance;

/// <summary>
/// The tenant-wide tool-call limit holds across all of a tenant's agents, although each agent grain spends units
/// it leased from the tenant grain in chunks rather than asking it on every call.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantToolCallLimitTests(ClusterFixture cluster)
{
    private const string Tool = GovernedTenant.Tool;

    [Fact]
    public async Task AgentsOfOneTenantTogetherGetNoMoreCallsThanTheTenantAllows()
    {
        // 40 at once and one more per minute: the test is over long before a second unit refills.
        var tenant = await CreateTenantAsync(new RateLimit(PerMinute: 1, Burst: 40));
        var agents = new List<IAgentGrain>();
        foreach (var id in new[] { "one", "two", "three" })
        {
            agents.Add(await CreateAgentAsync(tenant, id));
        }

        var allowed = 0;
        CallAuthorization? lastDenial = null;
        for (var round = 0; round < 30; round++)
        {
            foreach (var agent in agents)
            {
                var decision = await agent.AuthorizeCallAsync(Tool);
                if (decision.Allowed)
                {
                    allowed++;
                }
                else
                {
                    lastDenial = decision;
                }
            }
        }

        Assert.InRange(allowed, 40 - (3 * TenantBudgetSlack), 41);
        Assert.NotNull(lastDenial);
        Assert.Equal(DenialReason.RateLimited, lastDenial.Reason);
        Assert.Contains("tenant", lastDenial.Message, StringComparison.Ordinal);
        Assert.True(lastDenial.RetryAfter > TimeSpan.Zero, "a denial says when to retry");
    }

    [Fact]
    public async Task AnAgentRefusedByTheTenantLimitHasNotSpentItsOwnLimit()
    {
        var tenant = await CreateTenantAsync(new RateLimit(PerMinute: 1, Burst: 1));
        var greedy = await CreateAgentAsync(tenant, "greedy", new RateLimit(PerMinute: 1, Burst: 2));
        Assert.True((await greedy.AuthorizeCallAsync(Tool)).Allowed);
        Assert.Contains("tenant", (await greedy.AuthorizeCallAsync(Tool)).Message, StringComparison.Ordinal);

        // The tenant gets room again (a higher limit refills at 100 units a second); the agent's second unit is
        // still there, so one more call goes through before the agent's own limit refuses.
        await cluster.Grains.GetGrain<ITenantGrain>(tenant).UpdateAsync(new UpdateTenant(null, TenantQuotas.Default with { ToolCalls = new RateLimit(6000, 5) }));
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.True((await greedy.AuthorizeCallAsync(Tool)).Allowed);
        Assert.Contains("agent's rate limit", (await greedy.AuthorizeCallAsync(Tool)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisabledTenantsAgentsGetNoToolCallsAndTheirKeysStopWorking()
    {
        var tenant = await CreateTenantAsync(new RateLimit(PerMinute: 6000, Burst: 1000));
        var agent = await CreateAgentAsync(tenant, "worker");
        var key = await agent.CreateApiKeyAsync("tests");
        Assert.True((await agent.AuthorizeCallAsync(Tool)).Allowed);
        Assert.NotNull(await agent.AuthenticateAsync(ApiKeyHasher.Hash(key.Key)));

        await cluster.Grains.GetGrain<ITenantGrain>(tenant).DisableAsync();

        Assert.Null(await agent.AuthenticateAsync(ApiKeyHasher.Hash(key.Key)));
        // Units the agent leased before the switch last at most a lease's lifetime (1 s).
        var refused = await Cluster.Eventually.ReachAsync(() => agent.AuthorizeCallAsync(Tool), d => !d.Allowed, TimeSpan.FromSeconds(3), "the agent being refused");
        Assert.Equal(DenialReason.TenantDisabled, refused.Reason);

        await cluster.Grains.GetGrain<ITenantGrain>(tenant).EnableAsync();
        Assert.True((await agent.AuthorizeCallAsync(Tool)).Allowed);
        Assert.NotNull(await agent.AuthenticateAsync(ApiKeyHasher.Hash(key.Key)));
    }

    // Units an agent may still hold from its last lease when the tenant runs dry (spent on its next calls).
    private const int TenantBudgetSlack = 2;

    private async Task<string> CreateTenantAsync(RateLimit toolCalls) =>
        (await GovernedTenant.CreateAsync(cluster, "lim", TenantQuotas.Default with { ToolCalls = toolCalls })).Id;

    private Task<IAgentGrain> CreateAgentAsync(string tenant, string id, RateLimit? own = null) =>
        new GovernedTenant(cluster, tenant).StartAgentAsync(id, own);
}
