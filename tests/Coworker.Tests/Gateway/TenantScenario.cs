using System.Net;
using Coworker.Agents;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Gateway;

/// <summary>Creates a fresh tenant through the API with an Owner key, for tests that need one.</summary>
public sealed record TenantScenario(string Tenant, string OwnerKey)
{
    public static async Task<TenantScenario> CreateAsync(GatewayFixture gateway, string prefix = "t")
    {
        var tenant = HttpAssertions.UniqueSlug(prefix);
        using var admin = gateway.Admin();
        await (await admin.PostJsonAsync("/api/v1/tenants", new { id = tenant, displayName = "Test " + tenant, owner = "owner@example.com" }))
            .ReadAsync<TenantInfo>(HttpStatusCode.Created);
        var key = await (await admin.PostJsonAsync($"/api/v1/tenants/{tenant}/keys", new { user = "owner@example.com", name = "tests" }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        return new TenantScenario(tenant, key.Key);
    }

    public async Task<AgentInfo> CreateAgentAsync(GatewayFixture gateway, string agent)
    {
        using var owner = gateway.WithKey(OwnerKey);
        return await (await owner.PostJsonAsync($"/api/v1/tenants/{Tenant}/agents", new { id = agent, name = "Agent " + agent, roles = new[] { "support" } }))
            .ReadAsync<AgentInfo>(HttpStatusCode.Created);
    }
}
