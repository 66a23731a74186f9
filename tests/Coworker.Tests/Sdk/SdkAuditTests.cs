using Coworker.Grpc.V1;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;

namespace Coworker.Tests.Sdk;

[Collection(GatewayCollection.Name)]
public sealed class SdkAuditTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AQueryWalksEveryPageInSeqOrder()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = SdkClients.Owner(scenario);

        var pageByPage = await owner.Audit.QueryAsync(pageSize: 2).ToListAsync();
        var onePage = await owner.Audit.QueryAsync(pageSize: 500).ToListAsync();

        Assert.True(pageByPage.Count > 2); // the scenario's import, publications, grant and agent left events
        // The scenario's last events may still be landing, so the later query may hold more: the same events, then some.
        Assert.Equal(onePage.Take(pageByPage.Count).Select(e => e.Seq), pageByPage.Select(e => e.Seq));
        Assert.Equal(pageByPage.Select(e => e.Seq).Order(), pageByPage.Select(e => e.Seq));
    }

    [Fact]
    public async Task AFollowSeesAToolCallMadeAfterItStartedAndEndsWhenCancelled()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = SdkClients.Owner(scenario);
        using var agent = SdkClients.Agent(scenario);
        var last = (await owner.Audit.QueryAsync(pageSize: 500).ToListAsync())[^1].Seq;

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var follow = owner.Audit.FollowAsync(new AuditFilter { Kind = "tool_call" }, last, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        var next = follow.MoveNextAsync().AsTask(); // opens the stream
        var tool = scenario.Tools["GET /pets/{petId}"];
        Assert.Equal("ok", (await agent.Tools.CallAsync("bot", tool, new { petId = 3 })).Outcome);

        Assert.True(await next);
        Assert.Equal("tool_call", follow.Current.Kind);
        Assert.Contains(tool, follow.Current.Target, StringComparison.Ordinal);
        Assert.True(follow.Current.Seq > last);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow.MoveNextAsync().AsTask());
        // The client goes on working after a cancelled follow.
        Assert.NotEmpty(await owner.Audit.QueryAsync(afterSeq: last).ToListAsync());
    }
}
