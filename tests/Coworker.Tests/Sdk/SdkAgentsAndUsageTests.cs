using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Sdk;

[Collection(GatewayCollection.Name)]
public sealed class SdkAgentsAndUsageTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnOwnerListsPagesGetsStopsAndStartsAgents()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        (await scenario.Catalog.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents",
            new { id = "second", name = "Second bot", roles = new[] { "support" } })).EnsureSuccessStatusCode();
        using var owner = SdkClients.Owner(scenario);

        var agents = await owner.Agents.ListAsync(pageSize: 1).ToListAsync();
        Assert.Equal(["bot", "second"], agents.Select(a => a.Id).Order(StringComparer.Ordinal));

        var bot = await owner.Agents.GetAsync("bot");
        Assert.Equal("Support bot", bot.Name);
        Assert.Equal(AgentStatus.Active, bot.Status);

        Assert.Equal(AgentStatus.Stopped, (await owner.Agents.StopAsync("bot")).Status);
        Assert.Equal(AgentStatus.Stopped, (await owner.Agents.GetAsync("bot")).Status);
        Assert.Equal(AgentStatus.Active, (await owner.Agents.StartAsync("bot")).Status);
    }

    [Fact]
    public async Task UsageCountsTheAgentsCallsForTheAgentAndTheTenant()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, callQuota: new { perDay = 50 });
        using var agent = SdkClients.Agent(scenario);
        using var owner = SdkClients.Owner(scenario);
        Assert.Equal("ok", (await agent.Tools.CallAsync("bot", scenario.Tools["GET /pets/{petId}"], new { petId = 1 })).Outcome);

        var mine = await owner.Usage.GetAgentAsync("bot");
        Assert.Equal(1, mine.Day.Calls);
        Assert.Equal(50, mine.Day.Limit);
        Assert.True(mine.Day.ResetsAt.ToDateTimeOffset() > DateTimeOffset.UtcNow);

        var tenant = await owner.Usage.GetTenantAsync();
        Assert.Equal(1, tenant.Day.Calls);
        Assert.Equal(1, tenant.Month.Calls);
    }
}
