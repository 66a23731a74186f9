using Coworker.Client;
using Coworker.Tests.Infrastructure;
using Coworker.Tests.Mcp;
using Grpc.Core;

namespace Coworker.Tests.Sdk;

/// <summary>Each refusal reaches the caller as its typed exception, with the details the Gateway sent.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SdkErrorTests(GatewayFixture gateway)
{
    [Fact]
    public async Task RefusalsAreTypedExceptionsWithTheirDetails()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var owner = SdkClients.Owner(scenario);
        using var agent = SdkClients.Agent(scenario);

        var missing = await Assert.ThrowsAsync<CoworkerNotFoundException>(() => owner.Tools.GetAsync("no-such-tool"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.NotNull(missing.Reason);

        var denied = await Assert.ThrowsAsync<CoworkerPermissionDeniedException>(
            () => agent.Tools.CallAsync("bot", scenario.Tools["POST /pets"], new { name = "rex" }));
        Assert.Contains("not granted", denied.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<CoworkerInvalidArgumentException>(
            () => agent.Tools.CallAsync("bot", scenario.Tools["GET /pets/{petId}"], new { petId = "seven" }));
        Assert.Equal("arguments", invalid.Field);
        Assert.Contains("petId", invalid.Message, StringComparison.Ordinal);
        var emptyQuery = await Assert.ThrowsAsync<CoworkerInvalidArgumentException>(() => owner.Tools.SearchAsync(" "));
        Assert.Equal("query", emptyQuery.Field);

        // Every typed exception is a CoworkerException, so one catch handles them all.
        Assert.IsType<CoworkerException>(denied, exactMatch: false);
    }

    [Fact]
    public async Task AnUnknownKeyIsAnAuthenticationFailureAndItsKeyIsNotInTheMessage()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        const string wrong = "cwk_not-a-real-key-0123456789abcdefghijklmnop";
        using var stranger = SdkClients.For(gateway, wrong, scenario.Tenant);

        var refused = await Assert.ThrowsAsync<CoworkerAuthenticationException>(() => stranger.Tools.GetAsync(scenario.Tools["GET /pets"]));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.DoesNotContain(wrong, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallOverTheRateLimitIsRateLimitedWithARetryAfter()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway, rateLimit: new { perMinute = 1, burst = 1 });
        using var agent = SdkClients.Agent(scenario);
        var tool = scenario.Tools["GET /pets/{petId}"];
        Assert.Equal("ok", (await agent.Tools.CallAsync("bot", tool, new { petId = 1 })).Outcome);

        var limited = await Assert.ThrowsAsync<CoworkerRateLimitedException>(() => agent.Tools.CallAsync("bot", tool, new { petId = 1 }));

        Assert.Equal("RateLimited", limited.Reason);
        Assert.NotNull(limited.RetryAfter);
        Assert.InRange(limited.RetryAfter.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ACallPastTheClientsTimeoutFailsWithDeadlineExceeded()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = SdkClients.Agent(scenario, timeout: TimeSpan.FromSeconds(1));

        var late = await Assert.ThrowsAsync<CoworkerException>(() => agent.Tools.CallAsync("bot", scenario.Tools["GET /slow"]));

        Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
        // The same client answers the next call.
        Assert.Equal("ok", (await agent.Tools.CallAsync("bot", scenario.Tools["GET /pets/{petId}"], new { petId = 2 })).Outcome);
    }

    [Fact]
    public async Task ACancelledCallEndsWithOperationCanceled()
    {
        await using var scenario = await McpScenario.CreateAsync(gateway);
        using var agent = SdkClients.Agent(scenario);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => agent.Tools.CallAsync("bot", scenario.Tools["GET /slow"], cancellationToken: cancel.Token));
    }
}
