using Coworker.Agents;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Studio;

/// <summary>Seeds a tenant and its agents straight through the grains, as the Gateway would.</summary>
public sealed record StudioScenario(string Tenant, string DisplayName)
{
    public static async Task<StudioScenario> CreateTenantAsync(StudioFixture studio, string prefix = "studio")
    {
        var tenant = HttpAssertions.UniqueSlug(prefix);
        var displayName = $"Tenant {tenant}";
        await studio.Cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant(displayName, "owner@example.com"));
        return new StudioScenario(tenant, displayName);
    }

    public Task<AgentInfo> CreateAgentAsync(StudioFixture studio, string agent, string name) =>
        Agent(studio, agent).CreateAsync(new AgentConfig(name, "Seeded by the Studio tests", "Be helpful.", ModelSettings.Default, ["support"]));

    public IAgentGrain Agent(StudioFixture studio, string agent) =>
        studio.Cluster.Grains.GetGrain<IAgentGrain>(GrainKeys.Compose(Tenant, agent));
}
