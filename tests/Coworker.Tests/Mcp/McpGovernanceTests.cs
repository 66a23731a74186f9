using Coworker.Audit;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace Coworker.Tests.Mcp;

/// <summary>What governance leaves behind: the right audit rows, and no secret anywhere a caller can see.</summary>
[Collection(GatewayCollection.Name)]
public sealed class McpGovernanceTests(GatewayFixture gateway)
{
    private const string Canary = "s3cret-canary-key";

    [Fact]
    public async Task ServiceSecretReachesOnlyTheUpstreamNeverTheCallerOrTheAuditLog()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        (await scenario.Catalog.Owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/secrets/key",
            System.Net.Http.Json.JsonContent.Create(new { kind = "ApiKey", value = Canary, allowedHosts = new[] { new Uri(scenario.Upstream.BaseUrl).Authority } }))).EnsureSuccessStatusCode();

        await using var client = await scenario.ConnectAsync();
        var result = await client.CallToolAsync(scenario.Tools["GET /secured"], new Dictionary<string, object?>());

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(Canary, scenario.Upstream.LastHeaders![TestUpstream.ApiKeyHeader].ToString()); // injected upstream
        Assert.DoesNotContain(Canary, ((TextContentBlock)result.Content[0]).Text);
        var rows = await scenario.WaitForAuditAsync(rows => rows.Any(r => r.Kind == AuditKinds.SecretUse) && rows.Any(r => r.Kind == AuditKinds.ToolCall));
        Assert.Contains(rows, r => r.Kind == AuditKinds.SecretUse && r.Target == "secret/key" && r.Actor == "agent:bot");
        Assert.DoesNotContain(rows, r => System.Text.Json.JsonSerializer.Serialize(r).Contains(Canary, StringComparison.Ordinal));
        var runs = await scenario.Catalog.Owner.GetStringAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{scenario.Tools["GET /secured"]}/test-runs");
        Assert.DoesNotContain(Canary, runs);
    }

    [Fact]
    public async Task CallsDenialsAndRateLimitsEachLeaveTheirAuditRow()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, rateLimit: new { perMinute = 1, burst = 1 });
        await using var client = await scenario.ConnectAsync();
        var show = scenario.Tools["GET /pets/{petId}"];
        await client.CallToolAsync(show, new Dictionary<string, object?> { ["petId"] = 3 });                  // ok
        await client.CallToolAsync(show, new Dictionary<string, object?> { ["petId"] = 3 });                  // rate limited
        await client.CallToolAsync(scenario.Tools["POST /pets"], new Dictionary<string, object?>());          // not granted

        var rows = await scenario.WaitForAuditAsync(rows =>
            rows.Any(r => r.Kind == AuditKinds.ToolCall) && rows.Any(r => r.Kind == AuditKinds.RateLimited) && rows.Any(r => r.Kind == AuditKinds.ToolDenied));
        var call = rows.Single(r => r.Kind == AuditKinds.ToolCall);
        Assert.Equal((show, "ok", "agent:bot", "200"), (call.Target, call.Outcome, call.Actor, call.Detail["status"]));
        Assert.Equal(show, rows.Single(r => r.Kind == AuditKinds.RateLimited).Target);
        var denied = rows.Single(r => r.Kind == AuditKinds.ToolDenied);
        Assert.Equal((scenario.Tools["POST /pets"], "ToolNotGranted"), (denied.Target, denied.Detail["reason"]));

        var verification = await scenario.Catalog.Owner.GetStringAsync($"/api/v1/tenants/{scenario.Tenant}/audit/verify");
        Assert.Contains("\"intact\":true", verification.Replace(" ", "", StringComparison.Ordinal));
    }
}
