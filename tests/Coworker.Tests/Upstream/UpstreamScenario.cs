using System.Text;
using System.Text.Json;
using Coworker.Common;
using Coworker.Execution;
using Coworker.Tests.Secrets;
using Coworker.Catalog;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Upstream;

/// <summary>A tenant with the test pet store imported (tools pointing at <c>serverUrl</c>) and a helper to test-run them.</summary>
public sealed class UpstreamScenario(CatalogScenario catalog)
{
    public CatalogScenario Catalog => catalog;

    public static async Task<UpstreamScenario> CreateAsync(GatewayFixture gateway, string serverUrl, bool allowLoopback)
    {
        var catalog = await CatalogScenario.CreateAsync(gateway, allowLoopback);
        var job = await catalog.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(serverUrl)));
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        return new UpstreamScenario(catalog);
    }

    public async Task<TestRunResult> RunAsync(string operation, object arguments) =>
        await (await catalog.Owner.PostJsonAsync(
                $"/api/v1/tenants/{catalog.Tenant}/tools/{await catalog.ToolForAsync(operation)}/test-runs", new { arguments }))
            .ReadAsync<TestRunResult>();

    /// <summary>Runs the operation <paramref name="count"/> times at once.</summary>
    public async Task<TestRunResult[]> HammerAsync(string operation, object arguments, int count)
    {
        var tool = await catalog.ToolForAsync(operation);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            await (await catalog.Owner.PostJsonAsync($"/api/v1/tenants/{catalog.Tenant}/tools/{tool}/test-runs", new { arguments }))
                .ReadAsync<TestRunResult>()));
    }

    /// <summary>
    /// Sends the operation <paramref name="count"/> times through every silo's own upstream executor (the code a tool
    /// call runs): the Gateway's client may route all its calls to one silo, and a breaker lives in each silo.
    /// </summary>
    public async Task<List<UpstreamResult>> HammerEverySiloAsync(GatewayFixture gateway, string operation, object arguments, NetworkAllowlist allowlist, int count)
    {
        var definition = await DefinitionAsync(gateway, operation);
        var json = JsonSerializer.SerializeToElement(arguments);
        var results = new List<UpstreamResult>();
        foreach (var executor in SiloServices.All<UpstreamExecutor>(gateway.Cluster))
        {
            results.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => executor.ExecuteAsync(catalog.Tenant, definition, json, allowlist))));
        }

        return results;
    }

    /// <summary>
    /// Fails calls to <c>GET /broken</c> through every silo until this tenant's breaker for the host is open on all of
    /// them; returns a tool test-run made afterwards, which the open breaker answered.
    /// </summary>
    public async Task<TestRunResult> OpenTheBreakerAsync(GatewayFixture gateway)
    {
        var definition = await DefinitionAsync(gateway, "GET /broken");
        var empty = JsonSerializer.SerializeToElement(new { });
        var loopback = new NetworkAllowlist(["127.0.0.1"]);
        foreach (var executor in SiloServices.All<UpstreamExecutor>(gateway.Cluster))
        {
            var opened = false;
            for (var attempt = 0; attempt < 200 && !opened; attempt++)
            {
                var result = await executor.ExecuteAsync(catalog.Tenant, definition, empty, loopback);
                Assert.Contains(result.Outcome, new[] { "http_error", "circuit_open" });
                opened = result.Outcome == "circuit_open";
            }

            Assert.True(opened, "The breaker never opened for a host that always fails.");
        }

        return await RunAsync("GET /broken", new { });
    }

    private async Task<ToolDefinition> DefinitionAsync(GatewayFixture gateway, string operation)
    {
        var name = await catalog.ToolForAsync(operation);
        RequestContext.Set(CallerContext.ActorKey, "user:owner");
        RequestContext.Set(CallerContext.TenantKey, catalog.Tenant);
        try
        {
            return (await gateway.Cluster.Grains.GetGrain<IToolGrain>(GrainKeys.Compose(catalog.Tenant, name)).GetVersionAsync(null)).Definition;
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
