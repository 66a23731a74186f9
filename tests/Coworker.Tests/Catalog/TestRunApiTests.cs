using System.Net;
using System.Text;
using Coworker.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class TestRunApiTests(GatewayFixture gateway)
{
    private async Task<(CatalogScenario Scenario, TestUpstream Upstream)> ImportedAsync(bool allowLoopback = true)
    {
        var upstream = await TestUpstream.StartAsync();
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback);
        var job = await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(upstream.BaseUrl)));
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        return (scenario, upstream);
    }

    private static async Task<TestRunResult> RunAsync(CatalogScenario scenario, string tool, object arguments) =>
        await (await scenario.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{tool}/test-runs", new { arguments }))
            .ReadAsync<TestRunResult>();

    [Fact]
    public async Task APostmanRequestsSavedValuesAreSentWhenTheCallLeavesThemOut()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var scenario = await CatalogScenario.CreateAsync(gateway);
        var collection = """
            {"info":{"name":"Pets","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable":[{"key":"base","value":"UPSTREAM"}],
             "item":[{"name":"List pets","request":{"method":"GET","url":{"raw":"{{base}}/pets?limit=2&status=sold",
               "host":["{{base}}"],"path":["pets"],"query":[{"key":"limit","value":"2"},{"key":"status","value":"sold"}]}}}]}
            """.Replace("UPSTREAM", upstream.BaseUrl, StringComparison.Ordinal);
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.UploadAsync("saved", Encoding.UTF8.GetBytes(collection), "pets.postman_collection.json")).Status);
        var tool = Assert.Single(await scenario.ListToolsAsync()).Name;

        // Nothing given: the request is the saved one.
        var saved = await RunAsync(scenario, tool, new { });
        Assert.Equal($"{upstream.BaseUrl}/pets?limit=2&status=sold", saved.Request.Url);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(saved.ResponseBody!).RootElement.GetArrayLength());
        Assert.Contains("\"sold\"", saved.ResponseBody, StringComparison.Ordinal);

        // A value given wins over the saved one; the other saved value still goes along.
        var chosen = await RunAsync(scenario, tool, new { limit = "1" });
        Assert.Equal($"{upstream.BaseUrl}/pets?limit=1&status=sold", chosen.Request.Url);
    }

    [Fact]
    public async Task TestRunRecordsWhatWasSentAndReceived()
    {
        var (scenario, upstream) = await ImportedAsync();
        await using var _ = upstream;
        var tool = await scenario.ToolForAsync("GET /pets/{petId}");

        var run = await RunAsync(scenario, tool, new { petId = 42 });
        Assert.Equal("ok", run.Outcome);
        Assert.Equal(200, run.Status);
        Assert.Equal($"{upstream.BaseUrl}/pets/42", run.Request.Url);
        Assert.Contains("pet-42", run.ResponseBody);
        Assert.True(run.MatchesOutputSchema);
        Assert.True(run.LatencyMs >= 0);

        var history = await (await scenario.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{tool}/test-runs")).ReadAsync<List<TestRunResult>>();
        Assert.Equal(run.Id, history[0].Id);
    }

    [Fact]
    public async Task UpstreamFailuresAreRecordedAsSuch()
    {
        var (scenario, upstream) = await ImportedAsync();
        await using var _ = upstream;

        var broken = await RunAsync(scenario, await scenario.ToolForAsync("GET /broken"), new { });
        Assert.Equal("http_error", broken.Outcome);
        Assert.Equal(500, broken.Status);

        var slow = await RunAsync(scenario, await scenario.ToolForAsync("GET /slow"), new { });
        Assert.Equal("timeout", slow.Outcome);
        Assert.Null(slow.Status);

        var huge = await RunAsync(scenario, await scenario.ToolForAsync("GET /huge"), new { });
        Assert.Equal("too_large", huge.Outcome);

        var wrong = await RunAsync(scenario, await scenario.ToolForAsync("GET /wrong-shape"), new { });
        Assert.Equal("ok", wrong.Outcome);
        Assert.False(wrong.MatchesOutputSchema);
        Assert.NotEmpty(wrong.SchemaErrors);
    }

    [Fact]
    public async Task ArgumentsAreValidatedBeforeAnythingIsSent()
    {
        var (scenario, upstream) = await ImportedAsync();
        await using var _ = upstream;
        var run = await RunAsync(scenario, await scenario.ToolForAsync("GET /pets/{petId}"), new { petId = "not-a-number" });
        Assert.Equal("invalid_arguments", run.Outcome);
        Assert.Null(run.Status);
        var missing = await RunAsync(scenario, await scenario.ToolForAsync("GET /pets/{petId}"), new { });
        Assert.Equal("invalid_arguments", missing.Outcome);
    }

    [Fact]
    public async Task LoopbackUpstreamIsBlockedUnlessTheTenantAllowlistsIt()
    {
        var (scenario, upstream) = await ImportedAsync(allowLoopback: false);
        await using var _ = upstream;
        var run = await RunAsync(scenario, await scenario.ToolForAsync("GET /pets/{petId}"), new { petId = 1 });
        Assert.Equal("blocked", run.Outcome);
        Assert.Null(upstream.LastHeaders);
    }

    [Fact]
    public async Task PublishUnpublishAndDeprecateFollowTheRules()
    {
        var (scenario, upstream) = await ImportedAsync();
        await using var _ = upstream;
        var tool = await scenario.ToolForAsync("GET /pets");
        var path = $"/api/v1/tenants/{scenario.Tenant}/tools/{tool}";

        var published = await (await scenario.Owner.PostAsync(path + "/publish", null)).ReadAsync<ToolInfo>();
        Assert.Equal(ToolStatus.Published, published.Status);
        Assert.Equal(1, published.PublishedVersion);
        Assert.Contains(await scenario.ListToolsAsync("&status=Published"), t => t.Name == tool);

        Assert.Equal(ToolStatus.Staged, (await (await scenario.Owner.PostAsync(path + "/unpublish", null)).ReadAsync<ToolInfo>()).Status);
        await (await scenario.Owner.PostAsync(path + "/unpublish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var deprecated = await (await scenario.Owner.PostJsonAsync(path + "/deprecate", new { reason = "replaced by v2" })).ReadAsync<ToolInfo>();
        Assert.Equal(ToolStatus.Deprecated, deprecated.Status);
        Assert.Equal("replaced by v2", deprecated.StatusReason);
        await (await scenario.Owner.PostAsync(path + "/publish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await scenario.Owner.PostJsonAsync(path + "/publish", new { version = 7 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await scenario.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/tools/no_such_tool")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherTenantsToolsAreNotFound()
    {
        var (scenario, upstream) = await ImportedAsync();
        await using var _ = upstream;
        var tool = await scenario.ToolForAsync("GET /pets");
        var other = await CatalogScenario.CreateAsync(gateway);
        await (await other.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{tool}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.GetAsync($"/api/v1/tenants/{other.Tenant}/tools/{tool}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{tool}/test-runs", new { arguments = new { } }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await other.ListToolsAsync());
    }
}
