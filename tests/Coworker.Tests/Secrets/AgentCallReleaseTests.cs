using Coworker.Audit;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using ModelContextProtocol.Protocol;

namespace Coworker.Tests.Secrets;

/// <summary>An agent's governed calls, over MCP and REST, release a secret only to a host its Owner approved.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AgentCallReleaseTests(GatewayFixture gateway)
{
    private const string Canary = "s3cret-canary-key";

    [Fact]
    public async Task AnAgentsCallsToAHostTheSecretIsNotApprovedForSendNothingAndSayWhy()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        await using var elsewhere = await TestUpstream.StartAsync();
        var approvedOnlyFor = new Uri(elsewhere.BaseUrl).Authority; // same address, another port
        var calledHost = new Uri(scenario.Upstream.BaseUrl).Authority;
        (await scenario.Catalog.Owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/secrets/key",
            System.Net.Http.Json.JsonContent.Create(new { kind = "ApiKey", value = Canary, allowedHosts = new[] { approvedOnlyFor } }))).EnsureSuccessStatusCode();
        var tool = scenario.Tools["GET /secured"];

        await using var client = await scenario.ConnectAsync();
        var mcp = await client.CallToolAsync(tool, new Dictionary<string, object?>());
        using var agent = gateway.WithKey(scenario.AgentKey);
        var rest = await (await agent.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/agents/bot/tools/{tool}/call", new { }))
            .ReadAsync<ToolCallResponse>();

        Assert.True(mcp.IsError);
        Assert.Contains($"Secret 'key' is not approved for host '{calledHost}'", ((TextContentBlock)mcp.Content[0]).Text, StringComparison.Ordinal);
        Assert.Equal((true, "credential_not_approved"), (rest.IsError, rest.Outcome));
        Assert.False(scenario.Upstream.Hits.ContainsKey("GET /secured"));
        Assert.Empty(elsewhere.Hits);

        var rows = await scenario.WaitForAuditAsync(rows =>
            rows.Count(r => r.Kind == AuditKinds.SecretUse) >= 2 && rows.Count(r => r.Kind == AuditKinds.ToolCall) >= 2);
        Assert.All(rows.Where(r => r.Kind == AuditKinds.SecretUse), r => Assert.Equal(("secret/key", "denied", "agent:bot"), (r.Target, r.Outcome, r.Actor)));
        Assert.All(rows.Where(r => r.Kind == AuditKinds.ToolCall), r => Assert.Equal("credential_not_approved", r.Outcome));
        Assert.DoesNotContain(rows, r => System.Text.Json.JsonSerializer.Serialize(r).Contains(Canary, StringComparison.Ordinal));
    }
}
