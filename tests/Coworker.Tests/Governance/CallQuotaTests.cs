using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Governance;

/// <summary>
/// Daily and monthly call quotas, per agent and per tenant, held in the grains: calls past the quota are refused
/// until the period ends, and the counts survive the grains being deactivated.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallQuotaTests(ClusterFixture cluster)
{
    private const string Tool = GovernedTenant.Tool;

    [Fact]
    public async Task AnAgentsDailyQuotaRefusesTheNextCallUntilUtcMidnight()
    {
        var tenant = await CreateTenantAsync(quota: null);
        var agent = await CreateAgentAsync(tenant, "daily", new CallQuota(PerDay: 3));

        for (var call = 0; call < 3; call++)
        {
            Assert.True((await agent.AuthorizeCallAsync(Tool)).Allowed);
        }

        var refused = await agent.AuthorizeCallAsync(Tool);
        Assert.Equal(DenialReason.QuotaExhausted, refused.Reason);
        Assert.Contains("agent's daily quota of 3 tool calls is used up", refused.Message, StringComparison.Ordinal);
        var midnight = DateTimeOffset.UtcNow.Date.AddDays(1);
        Assert.InRange(refused.RetryAfter!.Value.TotalSeconds, (midnight - DateTimeOffset.UtcNow).TotalSeconds - 30, (midnight - DateTimeOffset.UtcNow).TotalSeconds + 1);

        var usage = await agent.GetUsageAsync();
        Assert.Equal((3L, 3), (usage.Day.Calls, usage.Day.Limit));
        Assert.Equal(new DateTimeOffset(midnight, TimeSpan.Zero), usage.Day.ResetsAt);
        Assert.Null(usage.Month.Limit);
    }

    [Fact]
    public async Task ATenantsMonthlyQuotaIsSharedByItsAgentsAndNeverExceeded()
    {
        var tenant = await CreateTenantAsync(new CallQuota(PerMonth: 6));
        var one = await CreateAgentAsync(tenant, "one");
        var two = await CreateAgentAsync(tenant, "two");

        var allowed = 0;
        CallAuthorization? refusal = null;
        for (var round = 0; round < 10; round++)
        {
            foreach (var agent in new[] { one, two })
            {
                var decision = await agent.AuthorizeCallAsync(Tool);
                if (decision.Allowed)
                {
                    allowed++;
                }
                else
                {
                    refusal = decision;
                }
            }
        }

        // Units an agent leased are counted by the tenant at once; each agent spends the ones it holds on its next
        // calls, so the quota is used to the last call and never beyond.
        Assert.Equal(6, allowed);
        Assert.Equal(DenialReason.QuotaExhausted, refusal!.Reason);
        Assert.Contains("tenant's monthly quota of 6 tool calls", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.RetryAfter > TimeSpan.FromSeconds(1), "says when the month ends");
        var usage = await cluster.Grains.GetGrain<ITenantGrain>(tenant).GetToolCallUsageAsync();
        Assert.Equal((6L, 6), (usage.Month.Calls, usage.Month.Limit));
        var each = (await one.GetUsageAsync()).Month.Calls + (await two.GetUsageAsync()).Month.Calls;
        Assert.Equal(6, each);
    }

    [Fact]
    public async Task CountsSurviveTheGrainsBeingDeactivated()
    {
        var tenant = await CreateTenantAsync(new CallQuota(PerDay: 1_000));
        var agent = await CreateAgentAsync(tenant, "durable", new CallQuota(PerDay: 4));
        for (var call = 0; call < 4; call++)
        {
            Assert.True((await agent.AuthorizeCallAsync(Tool)).Allowed);
        }

        // Well before the deferred write would have happened: the grains write their counts as they deactivate.
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var agentId = agent.GetGrainId();
        await Cluster.Eventually.ReachAsync(() => management.GetActiveGrains(agentId.Type).AsTask(), active => !active.Contains(agentId),
            TimeSpan.FromSeconds(10), "the agent grain being deactivated");

        Assert.Equal(4, (await agent.GetUsageAsync()).Day.Calls);
        Assert.Equal(DenialReason.QuotaExhausted, (await agent.AuthorizeCallAsync(Tool)).Reason);
        Assert.Equal(4, (await cluster.Grains.GetGrain<ITenantGrain>(tenant).GetToolCallUsageAsync()).Day.Calls);
    }

    [Fact]
    public async Task QuotasOutsideTheirRangeAreRefused()
    {
        var tenant = await CreateTenantAsync(quota: null);
        var agent = cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, "bad"));
        var error = await Assert.ThrowsAsync<CoworkerException>(() => agent.CreateAsync(
            new AgentConfig("bad", "", "", ModelSettings.Default, ["caller"], CallQuota: new CallQuota(PerDay: 0))));
        Assert.Equal(ErrorKind.Validation, error.Kind);
        await Assert.ThrowsAsync<CoworkerException>(() => cluster.Grains.GetGrain<ITenantGrain>(tenant)
            .UpdateAsync(new UpdateTenant(null, TenantQuotas.Default with { CallQuota = new CallQuota(PerMonth: -5) })));
        Assert.Null((await cluster.Grains.GetGrain<ITenantGrain>(tenant).GetAsync()).Quotas.CallQuota);
    }

    private async Task<string> CreateTenantAsync(CallQuota? quota) =>
        (await GovernedTenant.CreateAsync(cluster, "quota", TenantQuotas.Default with { CallQuota = quota })).Id;

    private Task<IAgentGrain> CreateAgentAsync(string tenant, string id, CallQuota? quota = null) =>
        new GovernedTenant(cluster, tenant).StartAgentAsync(id, quota: quota);
}
