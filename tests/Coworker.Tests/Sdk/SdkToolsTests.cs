using System.Text.Json;
using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Sdk;

[Collection(GatewayCollection.Name)]
public sealed class SdkToolsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ListingWalksEveryPageAndGetAndSearchAnswerAsTheGatewayDoes()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = SdkClients.Owner(scenario);

        var all = await owner.Tools.ListAsync(pageSize: 2).ToListAsync();
        Assert.Equal(scenario.Tools.Count, all.Count);
        Assert.Equal(scenario.Tools.Values.ToHashSet(), all.Select(t => t.Name).ToHashSet());
        var published = await owner.Tools.ListAsync(ToolStatus.Published).ToListAsync();
        Assert.Equal(McpScenario.Granted.Length + 1, published.Count);

        var tool = await owner.Tools.GetAsync(scenario.Tools["GET /pets/{petId}"]);
        Assert.Equal(ToolStatus.Published, tool.Status);
        Assert.True(tool.InputSchema.Fields["properties"].StructValue.Fields.ContainsKey("petId"));

        var hits = await owner.Tools.SearchAsync("add a new animal", k: 3);
        Assert.Equal(scenario.Tools["POST /pets"], hits[0].Name);
    }

    [Fact]
    public async Task AnAgentCallsAToolWithArgumentsAsAnObjectOrAsJson()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = SdkClients.Agent(scenario);
        var tool = scenario.Tools["GET /pets/{petId}"];

        var fromObject = await agent.Tools.CallAsync("bot", tool, new { petId = 7 });
        Assert.Equal("ok", fromObject.Outcome);
        Assert.Contains("pet-7", fromObject.Text, StringComparison.Ordinal);
        Assert.Equal(7, fromObject.StructuredContent.StructValue.Fields["id"].NumberValue);

        using var json = JsonDocument.Parse("""{"petId": 8}""");
        var fromJson = await agent.Tools.CallAsync("bot", tool, json.RootElement);
        Assert.False(fromJson.IsError);
        Assert.Contains("pet-8", fromJson.Text, StringComparison.Ordinal);
        Assert.False(scenario.Upstream.LastHeaders!.ContainsKey("Authorization")); // the agent's key stays at the Gateway
    }

    [Fact]
    public async Task ArgumentsThatAreNotAJsonObjectAreRefusedBeforeAnyCall()
    {
        using var client = SdkClients.For(gateway, "unused", "any");
        using var json = JsonDocument.Parse("[1, 2]");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => client.Tools.CallAsync("bot", "tool", json.RootElement));

        Assert.Equal("arguments", refused.ParamName);
    }
}
