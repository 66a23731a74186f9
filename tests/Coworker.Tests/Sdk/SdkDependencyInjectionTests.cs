using Coworker.Client;
using Coworker.Grpc.V1;
using Coworker.Tests.Grpc;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Microsoft.Extensions.DependencyInjection;

namespace Coworker.Tests.Sdk;

[Collection(GatewayCollection.Name)]
public sealed class SdkDependencyInjectionTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AddCoworkerClientResolvesAClientThatCarriesTheKey()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        var services = new ServiceCollection();
        services.AddCoworkerClient(options =>
        {
            options.Address = gateway.GrpcAddress;
            options.ApiKey = GrpcToolsTests.OwnerKey(scenario);
            options.Tenant = scenario.Tenant;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<CoworkerClient>();
        var tool = await client.Tools.GetAsync(scenario.Tools["GET /pets/{petId}"]);
        Assert.Equal(ToolStatus.Published, tool.Status);

        // The generated clients are registered too, with the same key.
        var agents = provider.GetRequiredService<AgentService.AgentServiceClient>();
        Assert.Equal("bot", (await agents.GetAgentAsync(new GetAgentRequest { Tenant = scenario.Tenant, Agent = "bot" })).Id);
    }

    [Fact]
    public void AddCoworkerClientWithoutATenantFailsWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddCoworkerClient(options => options.Address = gateway.GrpcAddress);
        using var provider = services.BuildServiceProvider();

        Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<CoworkerClient>());
    }
}
