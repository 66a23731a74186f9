using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Coworker.Tests.Grpc;

[Collection(GatewayCollection.Name)]
public sealed class GrpcAuditTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AnAuditFollowSeesAToolCallMadeAfterItStartedAndEndsWhenCancelled()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = new GrpcClients(gateway, GrpcToolsTests.OwnerKey(scenario));
        using var agent = new GrpcClients(gateway, scenario.AgentKey);
        var before = await owner.Audit.QueryAuditAsync(new QueryAuditRequest { Tenant = scenario.Tenant, PageSize = 500 });
        var last = before.Events.Count == 0 ? 0 : before.Events[^1].Seq;

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var follow = owner.Audit.FollowAudit(new FollowAuditRequest
        {
            Tenant = scenario.Tenant, AfterSeq = last, Filter = new AuditFilter { Kind = "tool_call" },
        }, cancellationToken: cancel.Token);
        var tool = scenario.Tools["GET /pets/{petId}"];
        Assert.Equal("ok", (await agent.ToolCalls.CallToolAsync(GrpcToolCallTests.Call(scenario, "GET /pets/{petId}",
            new Struct { Fields = { ["petId"] = Value.ForNumber(3) } }))).Outcome);

        Assert.True(await follow.ResponseStream.MoveNext(cancel.Token));
        var seen = follow.ResponseStream.Current;
        Assert.Equal("tool_call", seen.Kind);
        Assert.Contains(tool, seen.Target, StringComparison.Ordinal);
        Assert.True(seen.Seq > last);

        await cancel.CancelAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => follow.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, ended.StatusCode);
        // The Gateway goes on answering this caller.
        Assert.NotEmpty((await owner.Audit.QueryAuditAsync(new QueryAuditRequest { Tenant = scenario.Tenant, AfterSeq = last })).Events);
    }

    [Fact]
    public async Task AFollowPastItsDeadlineEndsWithDeadlineExceeded()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = new GrpcClients(gateway, GrpcToolsTests.OwnerKey(scenario));

        using var follow = owner.Audit.FollowAudit(new FollowAuditRequest { Tenant = scenario.Tenant, AfterSeq = long.MaxValue - 1 },
            deadline: DateTime.UtcNow.AddSeconds(2));

        var ended = await Assert.ThrowsAsync<RpcException>(() => follow.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
    }
}
