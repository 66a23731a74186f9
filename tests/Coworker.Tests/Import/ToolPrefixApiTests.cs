using System.Net;
using Coworker.Catalog;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Import;

/// <summary>
/// One API imported twice into one tenant (Petstore as OpenAPI 3 and as Swagger 2 share their operationIds):
/// with a tool prefix on the second source both sets of tools exist, and the prefix stays with the source.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ToolPrefixApiTests(GatewayFixture gateway)
{
    [SkippableFact]
    public async Task TwoSourcesWithTheSameOperationIdsLiveSideBySideWithAPrefix()
    {
        var v3 = File.ReadAllBytes(ImportTestData.SharedFile("specs/petstore-v3.openapi.yaml"));
        var v2 = File.ReadAllBytes(ImportTestData.SharedFile("specs/petstore-swagger2.petstore.json"));
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);

        var first = await scenario.ImportAsync("petstore", v3);
        var second = await scenario.ImportAsync("petstore-v2", v2, toolPrefix: "v2");

        Assert.Equal(ImportJobStatus.Succeeded, first.Status);
        Assert.Equal(ImportJobStatus.Succeeded, second.Status);
        Assert.Equal("v2_", second.ToolPrefix);
        Assert.DoesNotContain(second.Problems, p => p.Skipped);
        var tools = await scenario.ListToolsAsync();
        var v3Tools = tools.Where(t => t.SourceId == "petstore").ToList();
        var v2Tools = tools.Where(t => t.SourceId == "petstore-v2").ToList();
        Assert.Equal(19, v3Tools.Count);
        Assert.Equal(20, v2Tools.Count);
        Assert.All(v2Tools, t => Assert.StartsWith("v2_", t.Name, StringComparison.Ordinal));
        Assert.Contains(v3Tools, t => t.Name == "addPet");
        Assert.Contains(v2Tools, t => t.Name == "v2_addPet");

        // A re-import that names no prefix keeps the source's: the same tools, unchanged.
        var again = await scenario.ImportAsync("petstore-v2", v2);
        Assert.Equal(ImportJobStatus.Succeeded, again.Status);
        Assert.Equal("v2_", again.ToolPrefix);
        Assert.All(again.Changes, c => Assert.Equal(ToolChangeKind.Unchanged, c.Kind));
        Assert.Equal(20, again.Changes.Count);
        Assert.Equal(39, (await scenario.ListToolsAsync()).Count);
    }

    [SkippableFact]
    public async Task ChangingASourcesPrefixIsRefusedAndAnInvalidPrefixIsABadRequest()
    {
        var v2 = File.ReadAllBytes(ImportTestData.SharedFile("specs/petstore-swagger2.petstore.json"));
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.ImportAsync("pets", v2, toolPrefix: "v2_")).Status);
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.ImportAsync("plain", v2, toolPrefix: "plain")).Status);
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.ImportAsync("none", SmallDescription())).Status);

        var changed = await (await scenario.PostAsync("pets", v2, "swagger")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("v2_", changed, StringComparison.Ordinal);
        await (await scenario.PostAsync("none", SmallDescription(), "late")).AssertProblemAsync(HttpStatusCode.Conflict);
        var same = await (await scenario.PostAsync("pets", v2, "v2")).ReadAsync<ImportJobInfo>(HttpStatusCode.Accepted); // the same prefix, said again
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.WaitAsync(same.Id)).Status);
        await (await scenario.PostAsync("other", v2, "has space")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await scenario.PostAsync("other", v2, new string('p', 40))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var tools = await scenario.ListToolsAsync();
        Assert.DoesNotContain(tools, t => t.Name.StartsWith("swagger_", StringComparison.Ordinal) || t.Name.StartsWith("late_", StringComparison.Ordinal));
    }

    private static byte[] SmallDescription() => System.Text.Encoding.UTF8.GetBytes(ImportTestData.OpenApi(
        """{ "/ping": { "get": { "operationId": "ping", "responses": { "200": { "description": "ok" } } } } }"""));
}
