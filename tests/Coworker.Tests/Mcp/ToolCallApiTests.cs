using System.Net;
using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Mcp;

/// <summary>The REST twin of tools/call: the same governed pipeline, answered with HTTP status codes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ToolCallApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnAgentCallsAGrantedToolAndGetsTheUpstreamsAnswer()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = gateway.WithKey(scenario.AgentKey);

        using var response = await agent.PostJsonAsync(CallPath(scenario, scenario.Tools["GET /pets/{petId}"]), new { petId = 7 });

        var body = await response.ReadAsync<JsonElement>();
        Assert.False(body.GetProperty("isError").GetBoolean());
        Assert.Equal("ok", body.GetProperty("outcome").GetString());
        Assert.Equal(200, body.GetProperty("upstreamStatus").GetInt32());
        Assert.Contains("pet-7", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(7, body.GetProperty("structuredContent").GetProperty("id").GetInt32());
        Assert.False(scenario.Upstream.LastHeaders!.ContainsKey("Authorization")); // the agent's key stays here
    }

    [Fact]
    public async Task ACallOverTheRateLimitIs429AndSaysWhenToRetry()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, rateLimit: new { perMinute = 1, burst = 1 });
        using var agent = gateway.WithKey(scenario.AgentKey);
        var path = CallPath(scenario, scenario.Tools["GET /pets/{petId}"]);
        (await agent.PostJsonAsync(path, new { petId = 1 })).EnsureSuccessStatusCode();

        using var limited = await agent.PostJsonAsync(path, new { petId = 2 });

        Assert.Contains("rate limit", await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task DenialsBadArgumentsAndOtherCallersGetTheirOwnStatus()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = gateway.WithKey(scenario.AgentKey);
        var show = scenario.Tools["GET /pets/{petId}"];

        // Published but not granted to the agent's roles.
        Assert.Contains("not granted", await (await agent.PostJsonAsync(CallPath(scenario, scenario.Tools["POST /pets"]), new { name = "rex" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden), StringComparison.Ordinal);
        // Arguments that do not fit the input schema never reach the upstream.
        Assert.Contains("petId", await (await agent.PostJsonAsync(CallPath(scenario, show), new { petId = "seven" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await (await agent.PostJsonAsync(CallPath(scenario, show), new[] { 1, 2 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        // A user of the tenant (even its owner) is not the agent; nor is the agent of another tenant.
        await (await scenario.Catalog.Owner.PostJsonAsync(CallPath(scenario, show), new { petId = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await using var other = await McpScenario.CreateAsync(gateway);
        using var stranger = gateway.WithKey(other.AgentKey);
        await (await stranger.PostJsonAsync(CallPath(scenario, show), new { petId = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        // No credential at all.
        using var anonymous = gateway.Anonymous();
        await (await anonymous.PostJsonAsync(CallPath(scenario, show), new { petId = 1 })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static string CallPath(McpScenario scenario, string tool) => $"/api/v1/tenants/{scenario.Tenant}/agents/bot/tools/{tool}/call";
}
