using Coworker.Catalog;
using Coworker.Common;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Mcp;

/// <summary>The silo's incoming call filter refuses governed tool calls and tool lists not stamped with the calling agent.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ToolCallFilterTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ToolCallsWithoutTheAgentsStampAreRefusedInsideTheCluster()
    {
        var invoker = cluster.Grains.GetGrain<IToolInvokerGrain>(0);

        RequestContext.Clear();
        var unstamped = await Assert.ThrowsAsync<CoworkerException>(() => invoker.InvokeAsync("acme", "bot", "any_tool", "{}"));
        Assert.Equal(ErrorKind.Forbidden, unstamped.Kind);

        RequestContext.Set(CallerContext.ActorKey, "agent:acme/other-bot");
        try
        {
            var impersonating = await Assert.ThrowsAsync<CoworkerException>(() => invoker.InvokeAsync("acme", "bot", "any_tool", "{}"));
            Assert.Equal(ErrorKind.Forbidden, impersonating.Kind);

            // Correctly stamped: the filter lets it through and the agent grain decides (unknown agent: denied as a result).
            RequestContext.Set(CallerContext.ActorKey, "agent:acme/bot");
            var result = await invoker.InvokeAsync("acme", "bot", "any_tool", "{}");
            Assert.True(result.IsError);
            Assert.Equal("denied", result.Outcome);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task AnAgentsToolListIsOnlyGivenToThatAgent()
    {
        var invoker = cluster.Grains.GetGrain<IToolInvokerGrain>(0);

        RequestContext.Clear();
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<CoworkerException>(() => invoker.ListToolsAsync("acme", "bot"))).Kind);

        RequestContext.Set(CallerContext.ActorKey, "agent:acme/other-bot");
        try
        {
            Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<CoworkerException>(() => invoker.ListToolsAsync("acme", "bot"))).Kind);

            // Correctly stamped: an agent that does not exist has no grants, so nothing to list.
            RequestContext.Set(CallerContext.ActorKey, "agent:acme/bot");
            Assert.Empty(await invoker.ListToolsAsync("acme", "bot"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
