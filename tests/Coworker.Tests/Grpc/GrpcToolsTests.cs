using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Google.Rpc;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

[Collection(GatewayCollection.Name)]
public sealed class GrpcToolsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnOwnerListsPagesSearchesAndReadsToolsOverGrpc()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        var all = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant, PageSize = 500 });
        Assert.Equal(scenario.Tools.Values.ToHashSet(), all.Tools.Select(t => t.Name).ToHashSet());
        Assert.Equal("", all.NextPageToken);

        var published = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant, Status = ToolStatus.Published });
        Assert.Equal(McpScenario.Granted.Length + 1, published.Tools.Count);
        Assert.All(published.Tools, tool => Assert.Equal(ToolStatus.Published, tool.Status));

        var first = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant, PageSize = 2 });
        var second = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant, PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal(all.Tools.Take(4).Select(t => t.Name), first.Tools.Concat(second.Tools).Select(t => t.Name));

        var create = await clients.Tools.SearchToolsAsync(new SearchToolsRequest { Tenant = scenario.Tenant, Query = "add a new animal", K = 3 });
        Assert.Equal(scenario.Tools["POST /pets"], create.Hits[0].Name);

        var show = await clients.Tools.GetToolAsync(new GetToolRequest { Tenant = scenario.Tenant, Name = scenario.Tools["GET /pets/{petId}"] });
        Assert.Equal(ToolStatus.Published, show.Status);
        Assert.True(show.InputSchema.Fields["properties"].StructValue.Fields.ContainsKey("petId"));
    }

    [Fact]
    public async Task ASearchWithoutAQueryIsAnInvalidArgumentThatNamesTheField()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        var status = await GrpcClients.AssertFailsAsync(StatusCode.InvalidArgument,
            () => clients.Tools.SearchToolsAsync(new SearchToolsRequest { Tenant = scenario.Tenant, Query = " " }).ResponseAsync);

        Assert.Equal("query", Assert.Single(status.GetDetail<BadRequest>()!.FieldViolations).Field);
        await GrpcClients.AssertFailsAsync(StatusCode.NotFound,
            () => clients.Tools.GetToolAsync(new GetToolRequest { Tenant = scenario.Tenant, Name = "no-such-tool" }).ResponseAsync);
    }

    /// <summary>The scenario's owner key, read back from the HttpClient it built.</summary>
    internal static string OwnerKey(McpScenario scenario) => scenario.Catalog.Owner.DefaultRequestHeaders.Authorization!.Parameter!;
}
