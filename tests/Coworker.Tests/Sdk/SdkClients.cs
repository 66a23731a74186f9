using Coworker.Client;
using Coworker.Tests.Grpc;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Sdk;

/// <summary><see cref="CoworkerClient"/>s built from options, as an application would, to the Gateway fixture's gRPC port.</summary>
internal static class SdkClients
{
    public static CoworkerClient Owner(McpScenario scenario, TimeSpan? timeout = null) =>
        For(scenario.Gateway, GrpcToolsTests.OwnerKey(scenario), scenario.Tenant, timeout);

    public static CoworkerClient Agent(McpScenario scenario, TimeSpan? timeout = null) =>
        For(scenario.Gateway, scenario.AgentKey, scenario.Tenant, timeout);

    public static CoworkerClient For(GatewayFixture gateway, string? key, string tenant, TimeSpan? timeout = null) =>
        new(new CoworkerClientOptions { Address = gateway.GrpcAddress, ApiKey = key, Tenant = tenant, Timeout = timeout });

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
