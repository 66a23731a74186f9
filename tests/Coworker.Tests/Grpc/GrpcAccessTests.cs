using System.Net;
using Coworker.Grpc.V1;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

/// <summary>REST and gRPC answer every case of <see cref="CrossTenantAndRoleCases"/> alike.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GrpcAccessTests(GatewayFixture gateway)
{
    private const string NoSuchKey = "nosuchkey";
    private const string NoSuchUrl = "http://127.0.0.1:9/openapi.json";
    private const string NoSuchImport = "0123456789abcdef";

    [Fact]
    public async Task CrossTenantAndRoleChecksAnswerOverGrpcExactlyAsOverRest()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        await using var other = await McpScenario.CreateAsync(gateway);
        var keys = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.OtherTenantOwner] = GrpcToolsTests.OwnerKey(other),
            [Caller.OtherTenantAgent] = other.AgentKey,
            [Caller.Viewer] = await UserKeyAsync(scenario, TenantRole.Viewer),
            [Caller.Member] = await UserKeyAsync(scenario, TenantRole.Member),
            [Caller.Owner] = GrpcToolsTests.OwnerKey(scenario),
            [Caller.Agent] = scenario.AgentKey,
        };

        var answers = new List<string>();
        var expected = new List<string>();
        foreach (var (caller, operation, rest, grpc) in CrossTenantAndRoleCases.All)
        {
            using var http = keys[caller] is { } key ? gateway.WithKey(key) : gateway.Anonymous();
            using var clients = new GrpcClients(gateway, keys[caller]);
            using var response = await RestAsync(http, scenario, operation);
            answers.Add($"{caller} {operation}: REST {(int)response.StatusCode}, gRPC {await GrpcAsync(clients, scenario, operation)}");
            expected.Add($"{caller} {operation}: REST {(int)rest}, gRPC {grpc}");
        }

        Assert.Equal(expected, answers);
    }

    private static Task<HttpResponseMessage> RestAsync(HttpClient http, McpScenario scenario, Operation operation)
    {
        var tenant = $"/api/v1/tenants/{scenario.Tenant}";
        return operation switch
        {
            Operation.ListTools => http.GetAsync($"{tenant}/tools"),
            Operation.GetAgent => http.GetAsync($"{tenant}/agents/bot"),
            Operation.StopAgent => http.PostAsync($"{tenant}/agents/bot/stop", null),
            Operation.QueryAudit => http.GetAsync($"{tenant}/audit"),
            Operation.TenantUsage => http.GetAsync($"{tenant}/usage"),
            Operation.CallTool => http.PostJsonAsync($"{tenant}/agents/bot/tools/{scenario.Tools["GET /pets/{petId}"]}/call", new { petId = 1 }),
            Operation.CreateAgentKey => http.PostJsonAsync($"{tenant}/agents/bot/keys", new { name = "table" }),
            Operation.ListAgentKeys => http.GetAsync($"{tenant}/agents/bot/keys"),
            Operation.RevokeAgentKey => http.DeleteAsync($"{tenant}/agents/bot/keys/{NoSuchKey}"),
            // A URL the silo never fetches: every case of the table is refused before the job starts.
            Operation.StartImport => http.PostJsonAsync($"{tenant}/imports", new { sourceId = "table", url = NoSuchUrl }),
            Operation.GetImport => http.GetAsync($"{tenant}/imports/{NoSuchImport}"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static async Task<StatusCode> GrpcAsync(GrpcClients clients, McpScenario scenario, Operation operation)
    {
        var tenant = scenario.Tenant;
        try
        {
            Task call = operation switch
            {
                Operation.ListTools => (Task)clients.Tools.ListToolsAsync(new ListToolsRequest { Tenant = tenant }).ResponseAsync,
                Operation.GetAgent => clients.Agents.GetAgentAsync(new GetAgentRequest { Tenant = tenant, Agent = "bot" }).ResponseAsync,
                Operation.StopAgent => clients.Agents.StopAgentAsync(new AgentRef { Tenant = tenant, Agent = "bot" }).ResponseAsync,
                Operation.QueryAudit => clients.Audit.QueryAuditAsync(new QueryAuditRequest { Tenant = tenant }).ResponseAsync,
                Operation.TenantUsage => clients.Usage.GetTenantUsageAsync(new GetTenantUsageRequest { Tenant = tenant }).ResponseAsync,
                Operation.CallTool => clients.ToolCalls.CallToolAsync(GrpcToolCallTests.Call(scenario, "GET /pets/{petId}",
                    new Struct { Fields = { ["petId"] = Value.ForNumber(1) } })).ResponseAsync,
                Operation.CreateAgentKey => clients.Agents.CreateAgentKeyAsync(new CreateAgentKeyRequest { Tenant = tenant, Agent = "bot", Name = "table" }).ResponseAsync,
                Operation.ListAgentKeys => clients.Agents.ListAgentKeysAsync(new AgentRef { Tenant = tenant, Agent = "bot" }).ResponseAsync,
                Operation.RevokeAgentKey => clients.Agents.RevokeAgentKeyAsync(new RevokeAgentKeyRequest { Tenant = tenant, Agent = "bot", KeyId = NoSuchKey }).ResponseAsync,
                Operation.StartImport => clients.Imports.StartImportAsync(new StartImportRequest { Tenant = tenant, SourceId = "table", Url = NoSuchUrl }).ResponseAsync,
                Operation.GetImport => clients.Imports.GetImportAsync(new GetImportRequest { Tenant = tenant, Id = NoSuchImport }).ResponseAsync,
                _ => throw new ArgumentOutOfRangeException(nameof(operation)),
            };
            await call;
            return StatusCode.OK;
        }
        catch (RpcException failure)
        {
            return failure.StatusCode;
        }
    }

    internal static async Task<string> UserKeyAsync(McpScenario scenario, TenantRole role)
    {
        var user = $"{role.ToString().ToLowerInvariant()}@example.com";
        await (await scenario.Catalog.Owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/users/{user}",
            System.Net.Http.Json.JsonContent.Create(new { role = role.ToString() }))).ReadAsync<TenantUser>();
        var issued = await (await scenario.Catalog.Owner.PostJsonAsync($"/api/v1/tenants/{scenario.Tenant}/keys", new { user, name = role.ToString() }))
            .ReadAsync<IssuedApiKey>(HttpStatusCode.Created);
        return issued.Key;
    }
}
