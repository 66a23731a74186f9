using System.Net;
using System.Net.Http.Headers;
using Coworker.Catalog;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tenants;
using Coworker.Tests.Gateway;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Catalog;

/// <summary>A tenant (optionally allowlisting 127.0.0.1) and helpers to import descriptions and wait for the job.</summary>
public sealed class CatalogScenario(GatewayFixture gateway, TenantScenario tenant)
{
    public string Tenant => tenant.Tenant;

    public HttpClient Owner { get; } = gateway.WithKey(tenant.OwnerKey);

    public static async Task<CatalogScenario> CreateAsync(GatewayFixture gateway, bool allowLoopback = true)
    {
        var tenant = await TenantScenario.CreateAsync(gateway, "cat");
        var scenario = new CatalogScenario(gateway, tenant);
        if (allowLoopback)
        {
            await (await scenario.Owner.PatchAsync($"/api/v1/tenants/{tenant.Tenant}",
                System.Net.Http.Json.JsonContent.Create(new { networkAllowlist = new[] { "127.0.0.1" } }))).ReadAsync<TenantInfo>();
        }

        return scenario;
    }

    public async Task<ImportJobInfo> UploadAsync(string sourceId, byte[] content, string fileName = "api.json")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(sourceId), "sourceId");
        var started = await (await Owner.PostAsync($"/api/v1/tenants/{Tenant}/imports", form)).ReadAsync<ImportJobInfo>(HttpStatusCode.Accepted);
        return await WaitAsync(started.Id);
    }

    public async Task<ImportJobInfo> ImportUrlAsync(string sourceId, string url)
    {
        var started = await (await Owner.PostJsonAsync($"/api/v1/tenants/{Tenant}/imports", new { sourceId, url }))
            .ReadAsync<ImportJobInfo>(HttpStatusCode.Accepted);
        return await WaitAsync(started.Id);
    }

    public async Task<ImportJobInfo> WaitAsync(string jobId, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await (await Owner.GetAsync($"/api/v1/tenants/{Tenant}/imports/{jobId}")).ReadAsync<ImportJobInfo>();
            if (job.Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(200);
        }
    }

    public async Task<IReadOnlyList<ToolSummary>> ListToolsAsync(string query = "") =>
        (await (await Owner.GetAsync($"/api/v1/tenants/{Tenant}/tools?limit=500{query}")).ReadAsync<Page<ToolSummary>>()).Items;

    /// <summary>The tool generated from an operation such as "GET /pets/{petId}".</summary>
    public async Task<string> ToolForAsync(string operation) =>
        (await ListToolsAsync()).Single(t => t.Operation == operation).Name;
}
