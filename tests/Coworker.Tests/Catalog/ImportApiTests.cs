using System.Net;
using System.Text;
using Coworker.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class ImportApiTests(GatewayFixture gateway)
{
    [Fact]
    public async Task UploadedDescriptionBecomesStagedToolsWithFullProgress()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var scenario = await CatalogScenario.CreateAsync(gateway);
        var job = await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(upstream.BaseUrl)));

        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal("openapi-3.0", job.Format);
        Assert.Equal(8, job.OperationsTotal);
        Assert.Equal(job.OperationsTotal, job.OperationsDone);
        Assert.All(job.Changes, c => Assert.Equal(ToolChangeKind.Added, c.Kind));
        var tools = await scenario.ListToolsAsync();
        Assert.Equal(8, tools.Count);
        Assert.All(tools, t => Assert.Equal(ToolStatus.Staged, t.Status));
        Assert.Contains(tools, t => t.Operation == "GET /pets/{petId}");
    }

    [Fact]
    public async Task ReimportGivesADiffAndNewVersionsNeverDuplicates()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway);
        const string server = "http://127.0.0.1:9";
        await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(server)));

        var same = await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(server)));
        Assert.All(same.Changes, c => Assert.Equal(ToolChangeKind.Unchanged, c.Kind));

        // One summary changed, one operation added, and /huge removed.
        var changed = TestUpstream.PetstoreDescription(server, extraPath: true, showPetSummary: "Find one pet by its id")
            .Replace("\"/huge\"", "\"/gone-huge\"", StringComparison.Ordinal)
            .Replace("\"operationId\": \"huge\"", "\"operationId\": \"goneHuge\"", StringComparison.Ordinal);
        var diff = await scenario.UploadAsync("pets", Encoding.UTF8.GetBytes(changed));
        Assert.Equal(ImportJobStatus.Succeeded, diff.Status);
        var kinds = diff.Changes.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, kinds[ToolChangeKind.Added]);      // listPhotos, goneHuge
        Assert.Equal(1, kinds[ToolChangeKind.Changed]);    // showPetById
        Assert.Equal(1, kinds[ToolChangeKind.Removed]);    // huge
        Assert.Equal(6, kinds[ToolChangeKind.Unchanged]);

        var tools = await scenario.ListToolsAsync();
        Assert.Equal(tools.Count, tools.Select(t => t.Name).Distinct().Count());
        var show = tools.Single(t => t.Operation == "GET /pets/{petId}");
        Assert.Equal(2, show.LatestVersion);
        Assert.Equal(ToolStatus.Deprecated, tools.Single(t => t.Operation == "GET /huge").Status);
    }

    [Theory]
    [InlineData("truncated-json", "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x\"", "malformed")]
    [InlineData("unknown-version", "{\"openapi\": \"4.0.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {}}", "unsupported_version")]
    [InlineData("postman-v1", "{\"id\": \"abc\", \"name\": \"old\", \"requests\": [{\"id\": \"1\", \"url\": \"http://x\", \"method\": \"GET\"}]}", "unsupported")]
    public async Task BrokenDescriptionFailsTheJobWithATypedErrorAndImportsNothing(string source, string content, string kindPrefix)
    {
        var scenario = await CatalogScenario.CreateAsync(gateway);
        var job = await scenario.UploadAsync(source, Encoding.UTF8.GetBytes(content));
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.StartsWith(kindPrefix, job.ErrorKind);
        Assert.False(string.IsNullOrWhiteSpace(job.Error));
        Assert.Empty(await scenario.ListToolsAsync());
    }

    [Fact]
    public async Task UrlImportFetchesFromAnAllowlistedUpstream()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var scenario = await CatalogScenario.CreateAsync(gateway);
        var job = await scenario.ImportUrlAsync("pets", upstream.BaseUrl + "/openapi.json");
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        Assert.Equal(8, (await scenario.ListToolsAsync()).Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/openapi.json")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/api.json")]
    public async Task UrlImportOfAPrivateAddressIsRefusedWithoutAnAllowlist(string url)
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        var job = await scenario.ImportUrlAsync("private", url);
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Equal("fetch_failed", job.ErrorKind);
        Assert.Contains("not allowed", job.Error);
        Assert.Empty(await scenario.ListToolsAsync());
    }

    [Fact]
    public async Task ImportRequestsWithoutAFileOrUrlAreBadRequests()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway);
        await (await scenario.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/imports", new { sourceId = "x" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "sourceId" } };
        await (await scenario.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/imports", form)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await scenario.Owner.GetAsync($"/api/v1/tenants/{scenario.Tenant}/imports/doesnotexist")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
