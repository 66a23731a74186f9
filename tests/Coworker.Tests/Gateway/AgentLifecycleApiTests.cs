using System.Net;
using Coworker.Agents;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Listings;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class AgentLifecycleApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task OwnerTakesAnAgentThroughItsWholeLifecycle()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        var created = await scenario.CreateAgentAsync(gateway, "helper");
        Assert.Equal(AgentStatus.Created, created.Status);

        using var owner = gateway.WithKey(scenario.OwnerKey);
        var path = $"/api/v1/tenants/{scenario.Tenant}/agents/helper";
        Assert.Equal(AgentStatus.Active, (await (await owner.PostAsync(path + "/start", null)).ReadAsync<AgentInfo>()).Status);
        Assert.Equal(AgentStatus.Stopped, (await (await owner.PostAsync(path + "/stop", null)).ReadAsync<AgentInfo>()).Status);
        var suspended = await (await owner.PostJsonAsync(path + "/suspend", new { reason = "audit" })).ReadAsync<AgentInfo>();
        Assert.Equal(AgentStatus.Suspended, suspended.Status);
        Assert.Equal("audit", suspended.StatusReason);
        // Resume returns the agent to the state it was suspended from.
        Assert.Equal(AgentStatus.Stopped, (await (await owner.PostAsync(path + "/resume", null)).ReadAsync<AgentInfo>()).Status);
        Assert.Equal(AgentStatus.Terminated, (await (await owner.PostAsync(path + "/terminate", null)).ReadAsync<AgentInfo>()).Status);

        var fetched = await (await owner.GetAsync(path)).ReadAsync<AgentInfo>();
        Assert.Equal(AgentStatus.Terminated, fetched.Status);
        var list = await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/agents")).ReadAsync<Page<AgentSummary>>();
        Assert.Contains(list.Items, a => a.Id == "helper" && a.Status == AgentStatus.Terminated);
    }

    [Fact]
    public async Task TerminatedIsFinalForEveryActionAndConfigChange()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        await scenario.CreateAgentAsync(gateway, "doomed");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var path = $"/api/v1/tenants/{scenario.Tenant}/agents/doomed";
        await (await owner.PostAsync(path + "/terminate", null)).ReadAsync<AgentInfo>();

        foreach (var action in new[] { "start", "stop", "suspend", "resume", "terminate" })
        {
            var detail = await (await owner.PostAsync($"{path}/{action}", null)).AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("terminated", detail, StringComparison.OrdinalIgnoreCase);
        }

        await (await owner.PutAsync(path, System.Net.Http.Json.JsonContent.Create(new { name = "again" }))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task InvalidTransitionIsAConflictAndLeavesTheAgentAsItWas()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        var before = await scenario.CreateAgentAsync(gateway, "fresh");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var path = $"/api/v1/tenants/{scenario.Tenant}/agents/fresh";

        var detail = await (await owner.PostAsync(path + "/stop", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Cannot stop an agent that is created", detail);
        var after = await (await owner.GetAsync(path)).ReadAsync<AgentInfo>();
        Assert.Equal(AgentStatus.Created, after.Status);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task UnknownAgentAndUnknownTenantAreNotFound()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        using var owner = gateway.WithKey(scenario.OwnerKey);
        await (await owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/agents/nobody-here")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/agents/nobody-here/start", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        using var admin = gateway.Admin();
        await (await admin.GetAsync("/api/v1/tenants/no-such-tenant/agents")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TimedSuspensionResumesTheAgentByItself()
    {
        var scenario = await TenantScenario.CreateAsync(gateway);
        await scenario.CreateAgentAsync(gateway, "napper");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        var path = $"/api/v1/tenants/{scenario.Tenant}/agents/napper";
        await (await owner.PostAsync(path + "/start", null)).ReadAsync<AgentInfo>();
        var suspended = await (await owner.PostJsonAsync(path + "/suspend", new { reason = "cool-down", until = DateTimeOffset.UtcNow.AddSeconds(2) }))
            .ReadAsync<AgentInfo>();
        Assert.Equal(AgentStatus.Suspended, suspended.Status);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        AgentInfo current;
        do
        {
            await Task.Delay(500);
            current = await (await owner.GetAsync(path)).ReadAsync<AgentInfo>();
        }
        while (current.Status == AgentStatus.Suspended && DateTime.UtcNow < deadline);

        Assert.Equal(AgentStatus.Active, current.Status);
        Assert.Null(current.SuspendedUntil);
    }
}
