using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coworker.Catalog;
using Coworker.Tenants;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Import;

/// <summary>
/// The tenant-level import limits (tools per tenant, operations per import): set by the platform admin only,
/// through the tenant's quotas, and enforced before an import writes anything.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ImportLimitsApiTests(GatewayFixture gateway)
{
    // The test upstream's description: 8 operations.
    private static readonly byte[] Petstore = Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription("http://127.0.0.1:9"));

    [Fact]
    public async Task OnlyThePlatformAdminSetsATenantsImportLimits()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        var path = $"/api/v1/tenants/{scenario.Tenant}";
        Assert.Null((await (await scenario.Owner.GetAsync(path)).ReadAsync<TenantInfo>()).Quotas.MaxToolsPerTenant); // the platform default

        await (await scenario.Owner.PatchAsync(path, Quotas(tools: 100_000, operations: null))).AssertProblemAsync(HttpStatusCode.Forbidden);
        using var admin = gateway.Admin();
        var info = await (await admin.PatchAsync(path, Quotas(tools: 10, operations: 5))).ReadAsync<TenantInfo>();
        await (await admin.PatchAsync(path, Quotas(tools: 0, operations: 5))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PatchAsync(path, Quotas(tools: 10, operations: 1_000_000))).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal((10, 5), (info.Quotas.MaxToolsPerTenant, info.Quotas.MaxOperationsPerImport));
        var stored = (await (await scenario.Owner.GetAsync(path)).ReadAsync<TenantInfo>()).Quotas;
        Assert.Equal((10, 5), (stored.MaxToolsPerTenant, stored.MaxOperationsPerImport));
    }

    [Fact]
    public async Task AnImportOverTheOperationLimitFailsWithATypedErrorAndWritesNothing()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var admin = gateway.Admin();
        await (await admin.PatchAsync($"/api/v1/tenants/{scenario.Tenant}", Quotas(tools: null, operations: 5))).ReadAsync<TenantInfo>();

        var job = await scenario.ImportAsync("pets", Petstore);

        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.Equal("too_many_operations", job.ErrorKind);
        Assert.Contains("8 operations", job.Error, StringComparison.Ordinal);
        Assert.Contains("at most 5", job.Error, StringComparison.Ordinal);
        Assert.Empty(await scenario.ListToolsAsync());

        await (await admin.PatchAsync($"/api/v1/tenants/{scenario.Tenant}", Quotas(tools: null, operations: 8))).ReadAsync<TenantInfo>();
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.ImportAsync("pets", Petstore)).Status);
        Assert.Equal(8, (await scenario.ListToolsAsync()).Count);
    }

    [Fact]
    public async Task ATenantAtItsToolLimitCannotAddToolsButCanReimport()
    {
        var scenario = await CatalogScenario.CreateAsync(gateway, allowLoopback: false);
        using var admin = gateway.Admin();
        await (await admin.PatchAsync($"/api/v1/tenants/{scenario.Tenant}", Quotas(tools: 8, operations: null))).ReadAsync<TenantInfo>();
        Assert.Equal(ImportJobStatus.Succeeded, (await scenario.ImportAsync("pets", Petstore)).Status);

        var more = await scenario.ImportAsync("more-pets", Petstore, toolPrefix: "more");

        Assert.Equal(ImportJobStatus.Failed, more.Status);
        Assert.Equal("tool_limit", more.ErrorKind);
        Assert.Contains("16 tools", more.Error, StringComparison.Ordinal);
        Assert.Contains("limit is 8", more.Error, StringComparison.Ordinal);
        var tools = await scenario.ListToolsAsync();
        Assert.Equal(8, tools.Count);
        Assert.All(tools, t => Assert.Equal("pets", t.SourceId));

        // Re-importing what is there adds nothing, so the limit does not stand in its way.
        var again = await scenario.ImportAsync("pets", Petstore);
        Assert.Equal(ImportJobStatus.Succeeded, again.Status);
        Assert.All(again.Changes, c => Assert.Equal(ToolChangeKind.Unchanged, c.Kind));

        // A refused first import did not keep its prefix: the source can start over with another one.
        await (await admin.PatchAsync($"/api/v1/tenants/{scenario.Tenant}", Quotas(tools: 16, operations: null))).ReadAsync<TenantInfo>();
        var retried = await scenario.ImportAsync("more-pets", Petstore, toolPrefix: "extra");
        Assert.Equal(ImportJobStatus.Succeeded, retried.Status);
        Assert.Equal(16, (await scenario.ListToolsAsync()).Count);
    }

    private static JsonContent Quotas(int? tools, int? operations) =>
        JsonContent.Create(new { quotas = new { maxAgents = 100, maxUsers = 50, maxToolsPerTenant = tools, maxOperationsPerImport = operations } });
}
