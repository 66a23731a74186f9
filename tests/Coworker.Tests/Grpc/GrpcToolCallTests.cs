using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

/// <summary>The governed tool call over gRPC: the same pipeline as REST and MCP, refusals as statuses with details.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GrpcToolCallTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnAgentCallsAGrantedToolOverGrpcAndGetsTheUpstreamsAnswer()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = new GrpcClients(gateway, scenario.AgentKey);

        var result = await agent.ToolCalls.CallToolAsync(Call(scenario, "GET /pets/{petId}", new Struct { Fields = { ["petId"] = Value.ForNumber(7) } }));

        Assert.False(result.IsError);
        Assert.Equal("ok", result.Outcome);
        Assert.Equal(200, result.UpstreamStatus);
        Assert.Contains("pet-7", result.Text, StringComparison.Ordinal);
        Assert.Equal(7, result.StructuredContent.StructValue.Fields["id"].NumberValue);
        Assert.False(scenario.Upstream.LastHeaders!.ContainsKey("Authorization")); // the agent's key stays here
    }

    [Fact]
    public async Task UngrantedToolsAndBadArgumentsAreRefusedWithTheirStatusAndDetails()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = new GrpcClients(gateway, scenario.AgentKey);

        var denied = await GrpcClients.AssertFailsAsync(StatusCode.PermissionDenied,
            () => agent.ToolCalls.CallToolAsync(Call(scenario, "POST /pets", new Struct { Fields = { ["name"] = Value.ForString("rex") } })).ResponseAsync);
        Assert.Contains("not granted", denied.Message, StringComparison.Ordinal);

        var invalid = await GrpcClients.AssertFailsAsync(StatusCode.InvalidArgument,
            () => agent.ToolCalls.CallToolAsync(Call(scenario, "GET /pets/{petId}", new Struct { Fields = { ["petId"] = Value.ForString("seven") } })).ResponseAsync);
        Assert.Contains("petId", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("arguments", Assert.Single(invalid.GetDetail<BadRequest>()!.FieldViolations).Field);

        // A name no tool can have is not found, as on REST (a well-formed unknown name is simply not granted).
        await GrpcClients.AssertFailsAsync(StatusCode.NotFound,
            () => agent.ToolCalls.CallToolAsync(new CallToolRequest { Tenant = scenario.Tenant, Agent = "bot", Tool = "no such tool" }).ResponseAsync);
    }

    [Fact]
    public async Task ACallOverTheRateLimitIsResourceExhaustedWithARetryDelay()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, rateLimit: new { perMinute = 1, burst = 1 });
        using var agent = new GrpcClients(gateway, scenario.AgentKey);
        var call = Call(scenario, "GET /pets/{petId}", new Struct { Fields = { ["petId"] = Value.ForNumber(1) } });
        Assert.Equal("ok", (await agent.ToolCalls.CallToolAsync(call)).Outcome);

        var limited = await GrpcClients.AssertFailsAsync(StatusCode.ResourceExhausted, () => agent.ToolCalls.CallToolAsync(call).ResponseAsync);

        Assert.Contains("rate limit", limited.Message, StringComparison.Ordinal);
        Assert.Equal("RateLimited", limited.GetDetail<ErrorInfo>()!.Reason);
        Assert.InRange(limited.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }

    internal static CallToolRequest Call(McpScenario scenario, string operation, Struct arguments) =>
        new() { Tenant = scenario.Tenant, Agent = "bot", Tool = scenario.Tools[operation], Arguments = arguments };
}
