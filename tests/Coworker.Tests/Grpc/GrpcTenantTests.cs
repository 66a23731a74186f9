using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Grpc;

[Collection(GatewayCollection.Name)]
public sealed class GrpcTenantTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnOwnerSeesOnlyItsOwnTenantAndReadsItsProfileOverGrpc()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = new GrpcClients(gateway, GrpcToolsTests.OwnerKey(scenario));

        var listed = await owner.Tenants.ListTenantsAsync(new ListTenantsRequest());
        var own = Assert.Single(listed.Tenants);
        Assert.Equal(scenario.Tenant, own.Id);
        Assert.Equal(TenantStatus.Active, own.Status);
        Assert.Equal("", listed.NextPageToken);

        var tenant = await owner.Tenants.GetTenantAsync(new GetTenantRequest { Tenant = scenario.Tenant });
        Assert.Equal(scenario.Tenant, tenant.Id);
        Assert.Equal(TenantStatus.Active, tenant.Status);
        Assert.Contains("127.0.0.1", tenant.NetworkAllowlist);
        Assert.True(tenant.MaxAgents > 0);
    }
}
