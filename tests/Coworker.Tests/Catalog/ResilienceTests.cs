using System.Text;
using Coworker.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Catalog;

[Collection(GatewayCollection.Name)]
public sealed class ResilienceTests(GatewayFixture gateway)
{
    private static string FlakyDescription(string server) => """
        {"openapi":"3.0.3","info":{"title":"Flaky","version":"1"},"servers":[{"url":"SERVER"}],
         "paths":{"/flaky":{
           "get":{"operationId":"readFlaky","responses":{"200":{"description":"ok"}}},
           "post":{"operationId":"writeFlaky","responses":{"200":{"description":"ok"}}}}}}
        """.Replace("SERVER", server, StringComparison.Ordinal);

    [Fact]
    public async Task TransientFailuresAreRetriedOnlyForIdempotentMethods()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var scenario = await CatalogScenario.CreateAsync(gateway);
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.UploadAsync("flaky", Encoding.UTF8.GetBytes(FlakyDescription(upstream.BaseUrl)))).Status);

        var read = await (await scenario.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{await scenario.ToolForAsync("GET /flaky")}/test-runs", new { arguments = new { } }))
            .ReadAsync<TestRunResult>();
        Assert.Equal(("ok", 200), (read.Outcome, read.Status));
        Assert.Equal(2, upstream.Hits["GET /flaky"]);

        var write = await (await scenario.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{await scenario.ToolForAsync("POST /flaky")}/test-runs", new { arguments = new { } }))
            .ReadAsync<TestRunResult>();
        Assert.Equal(("http_error", 503), (write.Outcome, write.Status));
        Assert.Equal(1, upstream.Hits["POST /flaky"]); // a POST is never sent twice
    }
}
