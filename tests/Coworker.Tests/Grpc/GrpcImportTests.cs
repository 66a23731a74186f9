using System.Net;
using System.Text;
using Coworker.Grpc.V1;
using Coworker.Tests.Catalog;
using Coworker.Tests.Import;
using Coworker.Tests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

/// <summary>ImportService against the real Gateway: the same jobs, limits and refusals as the REST imports.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GrpcImportTests(GatewayFixture gateway)
{
    [SkippableFact]
    public async Task AnUploadedPetstoreIsWatchedToItsDiffAndItsToolsAreListedOverGrpc()
    {
        var petstore = File.ReadAllBytes(ImportTestData.SharedFile("specs/petstore-v3.openapi.yaml"));
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        var started = await clients.Imports.StartImportAsync(Upload(scenario, "petstore", petstore, "petstore-v3.openapi.yaml"));
        Assert.Equal("petstore", started.SourceId);
        var snapshots = await WatchAsync(clients, scenario, started.Id);

        var last = snapshots[^1];
        Assert.Equal(ImportStatus.Succeeded, last.Status);
        Assert.Equal(19, last.OperationsTotal);
        Assert.Equal(last.OperationsTotal, last.OperationsDone);
        Assert.Equal("openapi-3.0", last.Format);
        Assert.NotNull(last.FinishedAt);
        Assert.Equal(19, last.Changes.Count);
        Assert.All(last.Changes, change => Assert.Equal(ToolChangeKind.Added, change.Kind));
        // Only the last snapshot is final, each one differs from the one before, and progress never goes back.
        Assert.All(snapshots[..^1], snapshot => Assert.True(snapshot.Status is ImportStatus.Pending or ImportStatus.Running));
        Assert.All(snapshots.Zip(snapshots.Skip(1)), pair =>
        {
            Assert.NotEqual(pair.First, pair.Second);
            Assert.True(pair.First.OperationsDone <= pair.Second.OperationsDone);
        });
        Assert.Equal(last, await clients.Imports.GetImportAsync(new GetImportRequest { Tenant = scenario.Tenant, Id = started.Id }));

        var tools = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant, Source = "petstore", PageSize = 500 });
        Assert.Equal(last.Changes.Select(c => c.Name).Order(StringComparer.Ordinal), tools.Tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains(tools.Tools, tool => tool.Name == "addPet" && tool.Status == ToolStatus.Staged);
    }

    [Fact]
    public async Task AMalformedDescriptionFailsTheJobAsMalformedAsOverRest()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        var started = await clients.Imports.StartImportAsync(
            Upload(scenario, "broken", Encoding.UTF8.GetBytes("{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x\""), "broken.json"));
        var last = (await WatchAsync(clients, scenario, started.Id))[^1];

        Assert.Equal(ImportStatus.Failed, last.Status);
        Assert.Equal("malformed", last.ErrorKind);
        Assert.False(string.IsNullOrWhiteSpace(last.Error));
        Assert.Empty((await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant })).Tools);
    }

    [Fact]
    public async Task ChangingASourcesToolPrefixIsAFailedPreconditionWhereRestAnswers409()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));
        var first = await clients.Imports.StartImportAsync(Upload(scenario, "pets", SmallDescription(), "pets.json", toolPrefix: "v2"));
        Assert.Equal(ImportStatus.Succeeded, (await WatchAsync(clients, scenario, first.Id))[^1].Status);

        var status = await GrpcClients.AssertFailsAsync(StatusCode.FailedPrecondition,
            () => clients.Imports.StartImportAsync(Upload(scenario, "pets", SmallDescription(), "pets.json", toolPrefix: "other")).ResponseAsync);
        Assert.Equal("Conflict", status.GetDetail<ErrorInfo>()!.Reason);
        Assert.Contains("v2_", status.Message, StringComparison.Ordinal);

        await (await scenario.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/imports",
            new { sourceId = "pets", url = "http://127.0.0.1:9/pets.json", toolPrefix = "other" })).AssertProblemAsync(HttpStatusCode.Conflict);
        var tools = await clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = scenario.Tenant });
        Assert.Equal("v2_ping", Assert.Single(tools.Tools).Name);
    }

    [Fact]
    public async Task AnImportMessageIsAcceptedUpToTheRestUploadLimitAndRefusedBeyondIt()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        // Above gRPC's 4 MB default, within REST's limit: the job starts (and fails on the content, not on its size).
        var large = await clients.Imports.StartImportAsync(Upload(scenario, "large", Padding(6 * 1024 * 1024), "large.json"));
        Assert.Equal(ImportStatus.Failed, (await WatchAsync(clients, scenario, large.Id))[^1].Status);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            clients.Imports.StartImportAsync(Upload(scenario, "huge", Padding((int)Coworker.Gateway.GatewayLimits.MaxImportBodyBytes), "huge.json")).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    [Fact]
    public async Task AnUnknownJobIsNotFoundAndAnImportWithoutADescriptionIsAnInvalidArgument()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var clients = new GrpcClients(gateway, OwnerKey(scenario));

        await GrpcClients.AssertFailsAsync(StatusCode.NotFound,
            () => clients.Imports.GetImportAsync(new GetImportRequest { Tenant = scenario.Tenant, Id = "0123456789abcdef" }).ResponseAsync);
        await GrpcClients.AssertFailsAsync(StatusCode.NotFound, async () =>
        {
            using var watch = clients.Imports.WatchImport(new GetImportRequest { Tenant = scenario.Tenant, Id = "../x" });
            await watch.ResponseStream.MoveNext();
        });
        await GrpcClients.AssertFailsAsync(StatusCode.InvalidArgument,
            () => clients.Imports.StartImportAsync(new StartImportRequest { Tenant = scenario.Tenant, SourceId = "nothing" }).ResponseAsync);
    }

    internal static async Task<List<ImportJob>> WatchAsync(GrpcClients clients, CatalogScenario scenario, string id)
    {
        using var watch = clients.Imports.WatchImport(new GetImportRequest { Tenant = scenario.Tenant, Id = id },
            deadline: DateTime.UtcNow.AddMinutes(2));
        var snapshots = new List<ImportJob>();
        await foreach (var snapshot in watch.ResponseStream.ReadAllAsync())
        {
            snapshots.Add(snapshot);
        }

        Assert.NotEmpty(snapshots);
        return snapshots;
    }

    internal static StartImportRequest Upload(CatalogScenario scenario, string sourceId, byte[] content, string fileName, string toolPrefix = "") => new()
    {
        Tenant = scenario.Tenant,
        SourceId = sourceId,
        Upload = new UploadedDescription { Content = ByteString.CopyFrom(content), FileName = fileName },
        ToolPrefix = toolPrefix,
    };

    internal static string OwnerKey(CatalogScenario scenario) => scenario.Owner.DefaultRequestHeaders.Authorization!.Parameter!;

    private static byte[] Padding(int bytes)
    {
        var content = new byte[bytes];
        Array.Fill(content, (byte)' ');
        content[0] = (byte)'[';
        return content;
    }

    private static byte[] SmallDescription() => Encoding.UTF8.GetBytes(ImportTestData.OpenApi(
        """{ "/ping": { "get": { "operationId": "ping", "responses": { "200": { "description": "ok" } } } } }"""));
}
