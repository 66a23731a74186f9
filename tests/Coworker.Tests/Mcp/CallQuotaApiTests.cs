using System.Globalization;
using System.Net;
using System.Text.Json;
using Coworker.Agents;
using Coworker.Audit;
using Coworker.Catalog;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace Coworker.Tests.Mcp;

/// <summary>A call quota as the agent and the operator see it: over REST, over MCP, in the audit log and the usage endpoints.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CallQuotaApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task PastItsDailyQuotaAnAgentIsToldWhenItResetsOnRestAndMcpAndEachRefusalIsAudited()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, callQuota: new { perDay = 2 });
        using var agent = gateway.WithKey(scenario.AgentKey);
        await using var client = await scenario.ConnectAsync();
        var show = scenario.Tools["GET /pets/{petId}"];
        var path = $"/api/v1/tenants/{scenario.Tenant}/agents/bot/tools/{show}/call";
        var args = new Dictionary<string, object?> { ["petId"] = 1 };
        (await agent.PostJsonAsync(path, new { petId = 1 })).EnsureSuccessStatusCode();
        Assert.NotEqual(true, (await client.CallToolAsync(show, args)).IsError);

        using var refused = await agent.PostJsonAsync(path, new { petId = 1 });
        var detail = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("daily quota of 2 tool calls is used up", detail, StringComparison.Ordinal);
        Assert.Contains("urn:coworker:error:QuotaExhausted", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var untilMidnight = (DateTimeOffset.UtcNow.Date.AddDays(1) - DateTime.UtcNow).TotalSeconds;
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, untilMidnight - 60, untilMidnight + 2);

        var overMcp = await client.CallToolAsync(show, args);
        Assert.True(overMcp.IsError);
        Assert.Matches("daily quota of 2 tool calls is used up; it resets at .* UTC\\. Retry after \\d+ s\\.", ((TextContentBlock)overMcp.Content[0]).Text);
        Assert.Equal(2, scenario.Upstream.Hits["GET /pets/1"]); // the refused calls never reached the upstream

        var usage = await (await scenario.Catalog.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/usage")).ReadAsync<JsonElement>();
        Assert.Equal(2, usage.GetProperty("day").GetProperty("calls").GetInt64());
        Assert.Equal(2, usage.GetProperty("day").GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, usage.GetProperty("month").GetProperty("limit").ValueKind);
        var tenantUsage = await (await scenario.Catalog.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/usage")).ReadAsync<JsonElement>();
        Assert.True(tenantUsage.GetProperty("month").GetProperty("calls").GetInt64() >= 2);

        var rows = await scenario.WaitForAuditAsync(rows => rows.Count(r => r.Kind == AuditKinds.QuotaExhausted) == 2);
        Assert.All(rows.Where(r => r.Kind == AuditKinds.QuotaExhausted), row =>
            Assert.Equal((show, ToolCallOutcomes.QuotaExhausted, "QuotaExhausted"), (row.Target, row.Outcome, row.Detail["reason"])));
    }

    [Fact]
    public async Task QuotasAreValidatedAndAnotherTenantsUsageIsNotShown()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var agents = $"/api/v1/tenants/{scenario.Tenant}/agents";
        await (await scenario.Catalog.Owner.PostJsonAsync(agents, new { id = "greedy", name = "Greedy", callQuota = new { perDay = 0 } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await scenario.Catalog.Owner.GetAsync($"{agents}/nobody/usage")).AssertProblemAsync(HttpStatusCode.NotFound);

        await using var other = await McpScenario.CreateAsync(gateway);
        await (await other.Catalog.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/usage")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Catalog.Owner.GetAsync($"{agents}/bot/usage")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
