using Coworker.Grpc.V1;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

/// <summary>Agent keys and the rest of the agent lifecycle over gRPC, with the REST endpoints' roles.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GrpcAgentKeyTests(GatewayFixture gateway)
{
    private static readonly Struct PetOne = new() { Fields = { ["petId"] = Value.ForNumber(1) } };

    [Fact]
    public async Task AnOwnerIssuesAKeyShownOnceThatWorksUntilItIsRevokedAndAMemberMayOnlyListKeys()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = new GrpcClients(gateway, GrpcToolsTests.OwnerKey(scenario));
        using var member = new GrpcClients(gateway, await GrpcAccessTests.UserKeyAsync(scenario, TenantRole.Member));
        var bot = new AgentRef { Tenant = scenario.Tenant, Agent = "bot" };

        var issued = await owner.Agents.CreateAgentKeyAsync(new CreateAgentKeyRequest { Tenant = scenario.Tenant, Agent = "bot", Name = "sdk" });
        Assert.StartsWith($"cwg_{scenario.Tenant}_bot_", issued.Key, StringComparison.Ordinal);
        Assert.Equal("sdk", issued.Info.Name);
        // The listed prefix is the key's start, masked ("cwg_t_bot_aixW…"): enough to recognise it, never the key.
        Assert.StartsWith(issued.Info.Prefix.TrimEnd('…'), issued.Key, StringComparison.Ordinal);
        Assert.True(issued.Info.Prefix.TrimEnd('…').Length < issued.Key.Length);

        using (var agent = new GrpcClients(gateway, issued.Key))
        {
            await agent.ToolCalls.CallToolAsync(GrpcToolCallTests.Call(scenario, "GET /pets/{petId}", PetOne));
        }

        var listed = await member.Agents.ListAgentKeysAsync(bot);
        var key = Assert.Single(listed.Keys, k => k.KeyId == issued.Info.KeyId);
        Assert.Equal(issued.Info, key);
        Assert.DoesNotContain(issued.Key, listed.ToString(), StringComparison.Ordinal);

        await GrpcClients.AssertFailsAsync(StatusCode.PermissionDenied,
            () => member.Agents.CreateAgentKeyAsync(new CreateAgentKeyRequest { Tenant = scenario.Tenant, Agent = "bot", Name = "member" }).ResponseAsync);
        await GrpcClients.AssertFailsAsync(StatusCode.PermissionDenied, () => member.Agents.RevokeAgentKeyAsync(
            new RevokeAgentKeyRequest { Tenant = scenario.Tenant, Agent = "bot", KeyId = issued.Info.KeyId }).ResponseAsync);
        Assert.Contains((await owner.Agents.ListAgentKeysAsync(bot)).Keys, k => k.KeyId == issued.Info.KeyId);

        await owner.Agents.RevokeAgentKeyAsync(new RevokeAgentKeyRequest { Tenant = scenario.Tenant, Agent = "bot", KeyId = issued.Info.KeyId });
        Assert.DoesNotContain((await owner.Agents.ListAgentKeysAsync(bot)).Keys, k => k.KeyId == issued.Info.KeyId);
        using (var revoked = new GrpcClients(gateway, issued.Key))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(
                () => revoked.ToolCalls.CallToolAsync(GrpcToolCallTests.Call(scenario, "GET /pets/{petId}", PetOne)).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }
    }

    [Fact]
    public async Task AMemberSuspendsResumesAndTerminatesAnAgentAndATerminatedAgentCannotStart()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var member = new GrpcClients(gateway, await GrpcAccessTests.UserKeyAsync(scenario, TenantRole.Member));
        var bot = new AgentRef { Tenant = scenario.Tenant, Agent = "bot" };

        var suspended = await member.Agents.SuspendAgentAsync(new SuspendAgentRequest { Tenant = scenario.Tenant, Agent = "bot", Reason = "maintenance" });
        Assert.Equal(AgentStatus.Suspended, suspended.Status);
        Assert.Contains("maintenance", suspended.StatusReason, StringComparison.Ordinal);
        Assert.Equal(AgentStatus.Active, (await member.Agents.ResumeAgentAsync(bot)).Status);
        Assert.Equal(AgentStatus.Terminated, (await member.Agents.TerminateAgentAsync(bot)).Status);

        await GrpcClients.AssertFailsAsync(StatusCode.FailedPrecondition, () => member.Agents.StartAgentAsync(bot).ResponseAsync);
        await GrpcClients.AssertFailsAsync(StatusCode.FailedPrecondition, () => member.Agents.ResumeAgentAsync(bot).ResponseAsync);
    }
}
