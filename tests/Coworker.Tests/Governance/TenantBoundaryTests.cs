using Coworker.Agents;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Listings;
using Coworker.Platform;
using Coworker.Tenants;
using Coworker.Tests.Cluster.TestGrains;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Governance;

/// <summary>
/// Inside the cluster, a call made for one tenant's caller reaches only that tenant's grains, whatever the Gateway
/// did or forgot to check; grains that belong to no tenant, or that never declared how to tell their tenant, are
/// refused to such callers (deny by default).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantBoundaryTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ACallForOneTenantReachesItsGrainsButNoneOfAnotherTenants()
    {
        var (mine, theirs) = (await CreateTenantAsync(), await CreateTenantAsync());
        await CreateAgentAsync(theirs, "bot");

        await AsCallerOfAsync(mine, async () =>
        {
            Assert.Equal(mine, (await cluster.Grains.GetGrain<ITenantGrain>(mine).GetAsync()).Id);
            Assert.Empty(await cluster.Grains.GetGrain<IToolCatalogGrain>(0).ListAsync(mine, new ToolFilter(null, null, null, 10, null)));

            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<ITenantGrain>(theirs).GetAsync());
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(theirs, "bot")).GetAsync());
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(theirs, "bot")).SuspendAsync("not yours", null));
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IToolCatalogGrain>(0).ListAsync(theirs, new ToolFilter(null, null, null, 10, null)));
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IDirectoryGrain>(0).ListAgentsAsync(theirs, 10, null));
        });

        // Nothing was changed on the way: the other tenant's agent is still as it was created.
        Assert.Equal(AgentStatus.Created, (await cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(theirs, "bot")).GetAsync()).Status);
    }

    [Fact]
    public async Task PlatformGrainsAndUndeclaredGrainsAreRefusedToATenantsCallerButNotToAnAdmin()
    {
        var mine = await CreateTenantAsync();
        var counter = cluster.Grains.GetGrain<ICounterGrain>($"{mine}/counter");

        await AsCallerOfAsync(mine, async () =>
        {
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).IsAdminKeyAsync("x").AsTask());
            await AssertForbiddenAsync(() => cluster.Grains.GetGrain<IDirectoryGrain>(0).ListTenantsAsync(10, null));
            // A grain interface that never declared where its tenant is: refused, even with the tenant's own name in its key.
            await AssertForbiddenAsync(() => counter.GetAsync());
        });

        RequestContext.Set(CallerContext.ActorKey, "admin");
        RequestContext.Set(CallerContext.TenantKey, "");
        try
        {
            Assert.False(await cluster.Grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).IsAdminKeyAsync("x"));
            Assert.Contains(await cluster.Grains.GetGrain<IDirectoryGrain>(0).ListTenantsAsync(500, null), t => t.Id == mine);
            Assert.Equal(0, await counter.GetAsync());
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static async Task AsCallerOfAsync(string tenant, Func<Task> calls)
    {
        RequestContext.Set(CallerContext.ActorKey, "user:owner");
        RequestContext.Set(CallerContext.TenantKey, tenant);
        try
        {
            await calls();
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static async Task AssertForbiddenAsync(Func<Task> call) =>
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<CoworkerException>(call)).Kind);

    private async Task<string> CreateTenantAsync()
    {
        var tenant = HttpAssertions.UniqueSlug("wall");
        await cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Boundary", "owner", TenantQuotas.Default));
        return tenant;
    }

    private Task CreateAgentAsync(string tenant, string id) =>
        cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, id))
            .CreateAsync(new AgentConfig(id, "boundary test", "", ModelSettings.Default, []));
}
